import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditEventEntity } from '@proxdeck/server-database';
import type { AuditEventDto, Page } from '@proxdeck/shared-contracts';
import { Roles } from '../auth/access.decorators';
import { DEFAULT_PAGE_SIZE } from '../pagination/cursor';
import { AuditQueryDto } from './audit.query';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller('audit')
export class AuditController {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  @Get()
  @ApiOperation({ summary: 'Who did what, newest first (admins)' })
  async list(@Query() query: AuditQueryDto): Promise<Page<AuditEventDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.events.createQueryBuilder('e').orderBy('e.id', 'DESC').take(limit + 1);
    if (query.cursor) qb.andWhere('e.id < :cursor', { cursor: query.cursor });
    if (query.actor) qb.andWhere('e.actor = :actor', { actor: query.actor });
    if (query.action) qb.andWhere('e.action LIKE :action', { action: `${escapeLike(query.action)}%` });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return {
      items: page.map((e) => ({ id: e.id, at: e.at.toISOString(), actor: e.actor, action: e.action, target: e.target, details: e.details })),
      nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
