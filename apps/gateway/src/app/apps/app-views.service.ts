import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { AppEntity, OperationEntity, toAppDto } from '@proxdeck/server-database';
import type { AppDto, Page } from '@proxdeck/shared-contracts';
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor } from '../pagination/cursor';
import { DomainError } from '../problem/domain-error';

/** Reads apps as the API shows them (with the operation in flight). */
@Injectable()
export class AppViewsService {
  constructor(
    @InjectRepository(AppEntity) private readonly apps: Repository<AppEntity>,
    @InjectRepository(OperationEntity) private readonly operations: Repository<OperationEntity>,
  ) {}

  /** Oldest first; the cursor is the last row's (createdAt, id), compared at millisecond precision like it is encoded. */
  async list(limit = DEFAULT_PAGE_SIZE, rawCursor?: string): Promise<Page<AppDto>> {
    const cursor = decodeCursor(rawCursor);
    const qb = this.apps
      .createQueryBuilder('a')
      .orderBy(`date_trunc('milliseconds', a.created_at)`, 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(limit + 1);
    if (cursor) qb.where(`(date_trunc('milliseconds', a.created_at), a.id) > (:t, :id)`, { t: cursor.createdAt, id: cursor.id });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.toDtos(page),
      nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }

  async get(id: string): Promise<AppDto> {
    const app = await this.apps.findOneBy({ id });
    if (!app) throw DomainError.notFound('APP_NOT_FOUND', 'No app has this id.');
    return (await this.toDtos([app]))[0];
  }

  async toDtos(apps: AppEntity[]): Promise<AppDto[]> {
    const ids = apps.map((a) => a.activeOperationId).filter((id): id is string => id !== null);
    const active = ids.length ? await this.operations.findBy({ id: In(ids) }) : [];
    const byId = new Map(active.map((op) => [op.id, op]));
    return apps.map((a) => toAppDto(a, a.activeOperationId ? (byId.get(a.activeOperationId) ?? null) : null));
  }
}
