import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppEntity, BackupEntity, OperationEntity, toBackupDto } from '@proxdeck/server-database';
import type { BackupDto, BackupKind, Page } from '@proxdeck/shared-contracts';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { ChangeNotifier } from '../events/change-notifier.service';
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor } from '../pagination/cursor';
import { DomainError } from '../problem/domain-error';
import type { UpdateBackupDto } from './dto/backup-requests.dto';

export interface BackupFilter {
  appId?: string;
  kind?: BackupKind;
  limit?: number;
  cursor?: string;
}

export function backupNotFound(): DomainError {
  return DomainError.notFound('BACKUP_NOT_FOUND', 'No backup has this id.');
}

/** Reading backups (also those of deleted apps) and changing what is Proxdeck's own: protection and notes. */
@Injectable()
export class BackupsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly notifier: ChangeNotifier,
  ) {}

  /** Newest first, paged like every list. */
  async list(filter: BackupFilter): Promise<Page<BackupDto>> {
    const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = decodeCursor(filter.cursor);
    const qb = this.db
      .getRepository(BackupEntity)
      .createQueryBuilder('b')
      .orderBy(`date_trunc('milliseconds', b.created_at)`, 'DESC')
      .addOrderBy('b.id', 'DESC')
      .take(limit + 1);
    if (filter.appId) qb.andWhere('b.app_id = :appId', { appId: filter.appId });
    if (filter.kind) qb.andWhere('b.kind = :kind', { kind: filter.kind });
    if (cursor) qb.andWhere(`(date_trunc('milliseconds', b.created_at), b.id) < (:t, :id)`, { t: cursor.createdAt, id: cursor.id });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toBackupDto),
      nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }

  /** The backups of an app that exists (those of a deleted app: `GET /backups?appId=`). */
  async listForApp(appId: string, filter: Omit<BackupFilter, 'appId'>): Promise<Page<BackupDto>> {
    if (!(await this.db.getRepository(AppEntity).existsBy({ id: appId }))) throw DomainError.notFound('APP_NOT_FOUND', 'No app has this id.');
    return this.list({ ...filter, appId });
  }

  async find(id: string): Promise<BackupEntity> {
    const backup = await this.db.getRepository(BackupEntity).findOneBy({ id });
    if (!backup) throw backupNotFound();
    return backup;
  }

  /** Protection and notes live in Proxdeck's row (the worker never prunes or deletes a protected backup). */
  async update(id: string, body: UpdateBackupDto, principal: Principal): Promise<BackupDto> {
    if (body.protected === undefined && body.notes === undefined) {
      throw DomainError.validation({ body: 'name protected and/or notes' }, 'Nothing to change: name protected and/or notes.');
    }
    const backup = await this.db.transaction(async (m) => {
      const row = await m.getRepository(BackupEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw backupNotFound();
      if (body.protected !== undefined) row.protected = body.protected;
      if (body.notes !== undefined) row.notes = body.notes;
      await m.getRepository(BackupEntity).save(row);
      await this.audit.record({ actor: principal.username, action: 'backup.update', target: row.id, details: { volid: row.volid, protected: body.protected, notes: body.notes } }, m);
      return row;
    });
    await this.notifier.publish({ type: 'backup.updated', backup: toBackupDto(backup) });
    return toBackupDto(backup);
  }

  /** The queued or running operation that deletes or restores this backup, if any. */
  async activeOperationOn(backupId: string, types: OperationEntity['type'][], m: EntityManager = this.db.manager): Promise<OperationEntity | null> {
    return m
      .getRepository(OperationEntity)
      .createQueryBuilder('o')
      .where(`o.state IN ('queued', 'running')`)
      .andWhere('o.type IN (:...types)', { types })
      .andWhere(`o.params ->> 'backupId' = :backupId`, { backupId })
      .getOne();
  }
}
