import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { OperationEntity, OperationLogEntity, toOperationDto, toOperationLogDto } from '@proxdeck/server-database';
import type { OperationDto, OperationLogDto, Page } from '@proxdeck/shared-contracts';
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor } from '../pagination/cursor';
import { DomainError } from '../problem/domain-error';
import type { OperationsQueryDto } from './operations.query';

@Injectable()
export class OperationsService {
  constructor(
    @InjectRepository(OperationEntity) private readonly operations: Repository<OperationEntity>,
    @InjectRepository(OperationLogEntity) private readonly logRows: Repository<OperationLogEntity>,
  ) {}

  /** Newest first. */
  async list(query: OperationsQueryDto): Promise<Page<OperationDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = decodeCursor(query.cursor);
    const qb = this.operations
      .createQueryBuilder('o')
      .orderBy(`date_trunc('milliseconds', o.created_at)`, 'DESC')
      .addOrderBy('o.id', 'DESC')
      .take(limit + 1);
    if (query.appId) qb.andWhere('o.app_id = :appId', { appId: query.appId });
    if (query.state) qb.andWhere('o.state = :state', { state: query.state });
    if (cursor) qb.andWhere(`(date_trunc('milliseconds', o.created_at), o.id) < (:t, :id)`, { t: cursor.createdAt, id: cursor.id });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toOperationDto),
      nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }

  async get(id: string): Promise<OperationDto> {
    return toOperationDto(await this.find(id));
  }

  async logs(id: string): Promise<OperationLogDto[]> {
    await this.find(id);
    const rows = await this.logRows.find({ where: { operationId: id }, order: { at: 'ASC', id: 'ASC' } });
    return rows.map(toOperationLogDto);
  }

  private async find(id: string): Promise<OperationEntity> {
    const op = await this.operations.findOneBy({ id });
    if (!op) throw DomainError.notFound('OPERATION_NOT_FOUND', 'No operation has this id.');
    return op;
  }
}
