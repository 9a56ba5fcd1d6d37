import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppEntity, BackupEntity, OperationEntity, createOperation, operationJobKey, toAppDto, toOperationDto } from '@proxdeck/server-database';
import { initialSteps } from '@proxdeck/server-domain';
import { OperationQueue } from '@proxdeck/server-queue';
import { CUSTOM_CATALOG_ID, hostnameProblem, type AcceptedOperationDto, type CatalogRuntime } from '@proxdeck/shared-contracts';
import { AppCommandsService, hostnameTaken } from '../apps/app-commands.service';
import { enqueueOperation } from '../apps/enqueue';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { CatalogService } from '../catalog/catalog.service';
import { ChangeNotifier } from '../events/change-notifier.service';
import { PVE_READER, type PveReader } from '../infra/pve-reader';
import { proxmoxProblem } from '../infra/proxmox-problem';
import { DomainError } from '../problem/domain-error';
import { BackupsService, backupNotFound } from './backups.service';
import type { CreateBackupDto, RestoreBackupDto } from './dto/backup-requests.dto';

/** The settings a backup row keeps (written by the worker's backup step). */
interface StoredAppSettings {
  name?: string;
  catalogId?: string;
  version?: string;
  runtime?: CatalogRuntime;
  cores?: number;
  memoryMb?: number;
  diskGb?: number;
  httpPort?: number | null;
  inputs?: Record<string, string>;
  envOverrides?: Record<string, string>;
  secretsEncrypted?: string | null;
}

/** Backup, restore and backup-delete operations: checked here, carried out by the worker. */
@Injectable()
export class BackupCommandsService {
  private readonly logger = new Logger('BackupCommands');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly commands: AppCommandsService,
    private readonly backups: BackupsService,
    private readonly catalog: CatalogService,
    private readonly queue: OperationQueue,
    private readonly notifier: ChangeNotifier,
    private readonly audit: AuditService,
    @Inject(PVE_READER) private readonly pve: PveReader,
  ) {}

  /** A manual backup (the app must be running, stopped or in error, and idle). */
  backUp(appId: string, body: CreateBackupDto, principal: Principal): Promise<AcceptedOperationDto> {
    return this.commands.operate(appId, 'backup', principal, { params: { kind: 'manual', ...(body.notes ? { notes: body.notes } : {}) } });
  }

  /**
   * Into a new app (hostname required, settings from the backup) or in place over the backup's
   * app (needs `overwrite: true` while its container exists). A backup whose app was deleted can
   * only be restored as a new app: in place answers 422 APP_NOT_FOUND naming `target`.
   */
  async restore(backupId: string, body: RestoreBackupDto, principal: Principal): Promise<AcceptedOperationDto> {
    const backup = await this.backups.find(backupId);
    const deleting = await this.backups.activeOperationOn(backup.id, ['backup-delete']);
    if (deleting) throw new DomainError('OPERATION_IN_PROGRESS', 409, 'This backup is being deleted; it cannot be restored.', undefined, deleting.id);
    return body.target === 'new' ? this.restoreAsNew(backup, body, principal) : this.restoreInPlace(backup, body, principal);
  }

  private async restoreAsNew(backup: BackupEntity, body: RestoreBackupDto, principal: Principal): Promise<AcceptedOperationDto> {
    const errors: Record<string, string> = {};
    if (body.hostname === undefined) errors['hostname'] = 'is required to restore into a new app';
    else {
      const bad = hostnameProblem(body.hostname);
      if (bad) errors['hostname'] = bad;
    }
    if (body.overwrite !== undefined) errors['overwrite'] = 'applies only to target "in-place"';
    if (Object.keys(errors).length > 0) throw DomainError.validation(errors);
    const hostname = body.hostname as string;
    const s = backup.appSettings as StoredAppSettings;
    const catalogId = s.catalogId ?? backup.catalogId;
    // Adopted custom apps have no catalog entry; every other app needs its entry to run and be checked.
    if (catalogId !== CUSTOM_CATALOG_ID) this.catalog.get(catalogId, 'catalogId');
    if (await this.db.getRepository(AppEntity).existsBy({ hostname })) throw hostnameTaken(hostname);
    const node = body.node ?? backup.node;
    if (body.node !== undefined) {
      await this.commands.checkNode(body.node);
      if (body.node !== backup.node) await this.checkArchiveReachable(backup, body.node);
    }
    return this.commands.launchNewApp('restore', principal, {
      name: s.name ?? catalogId,
      catalogId,
      version: s.version ?? backup.appVersion,
      runtime: s.runtime ?? 'oci',
      hostname,
      node,
      cores: s.cores ?? 1,
      memoryMb: s.memoryMb ?? 512,
      diskGb: s.diskGb ?? 4,
      httpPort: s.httpPort ?? null,
      inputs: s.inputs ?? {},
      envOverrides: s.envOverrides ?? {},
      secretsEncrypted: s.secretsEncrypted ?? null,
    }, {
      params: { backupId: backup.id, target: 'new' },
      auditDetails: { backupId: backup.id, volid: backup.volid, fromHostname: backup.appHostname },
    });
  }

  private async restoreInPlace(backup: BackupEntity, body: RestoreBackupDto, principal: Principal): Promise<AcceptedOperationDto> {
    const errors: Record<string, string> = {};
    if (body.hostname !== undefined) errors['hostname'] = 'applies only to target "new" (in place keeps the app\'s hostname)';
    if (body.node !== undefined) errors['node'] = 'applies only to target "new"';
    if (Object.keys(errors).length > 0) throw DomainError.validation(errors);
    const app = backup.appId ? await this.db.getRepository(AppEntity).findOneBy({ id: backup.appId }) : null;
    if (!app) {
      throw new DomainError('APP_NOT_FOUND', 422, `${backup.appHostname}, the app of this backup, was deleted; restore it as a new app (target "new" with a hostname).`, {
        target: 'must be "new": the app of this backup no longer exists',
      });
    }
    return this.commands.operate(app.id, 'restore', principal, {
      params: { backupId: backup.id, target: 'in-place' },
      check: (current) => {
        if (current.status !== 'missing' && body.overwrite !== true) {
          throw new DomainError(
            'RESTORE_WOULD_OVERWRITE',
            409,
            `Restoring in place replaces ${current.hostname}'s container and its data with the backup of ${backup.createdAt.toISOString()}; send overwrite: true to do so, or restore as a new app.`,
            { overwrite: 'must be true to replace the existing container' },
          );
        }
      },
    });
  }

  /** Another node can only restore an archive on shared storage. */
  private async checkArchiveReachable(backup: BackupEntity, node: string): Promise<void> {
    let storages: Awaited<ReturnType<PveReader['clusterResources']>>;
    try {
      storages = await this.pve.clusterResources('storage');
    } catch (e) {
      throw proxmoxProblem(e);
    }
    const there = storages.find((s) => s.node === node && s.storage === backup.storage);
    if (!there || !there.shared) {
      throw new DomainError('NODE_NOT_FOUND', 422, `The archive is on storage ${backup.storage} of ${backup.node}, which ${node} cannot read; restore on ${backup.node}.`, {
        node: `cannot read storage ${backup.storage} of ${backup.node} (not shared)`,
      });
    }
  }

  /**
   * Deletes a backup (never a protected one). While its app exists the operation is the app's
   * (one at a time with its other operations); a backup of a deleted app gets an operation without
   * an app, whose job is keyed by the backup id.
   */
  async delete(backupId: string, principal: Principal): Promise<AcceptedOperationDto> {
    const { app, operation, jobKey } = await this.db.transaction(async (m) => {
      const backup = await m.getRepository(BackupEntity).findOne({ where: { id: backupId }, lock: { mode: 'pessimistic_write' } });
      if (!backup) throw backupNotFound();
      if (backup.protected) {
        throw new DomainError('BACKUP_PROTECTED', 409, `The backup ${backup.volid} of ${backup.appHostname} is protected; unprotect it first (PATCH protected: false).`);
      }
      const busy = await this.backups.activeOperationOn(backup.id, ['backup-delete', 'restore'], m);
      if (busy) throw new DomainError('OPERATION_IN_PROGRESS', 409, `A ${busy.type} of this backup is ${busy.state}; wait for it to finish.`, undefined, busy.id);
      const app = backup.appId ? await m.getRepository(AppEntity).findOne({ where: { id: backup.appId }, lock: { mode: 'pessimistic_write' } }) : null;
      const params = { backupId: backup.id };
      let operation: OperationEntity;
      if (app) {
        await this.refuseIfBusy(m, app);
        operation = await createOperation(m, { app, type: 'backup-delete', requestedBy: principal.username, params });
      } else {
        operation = await this.detachedOperation(m, backup, principal, params);
      }
      await this.audit.record({ actor: principal.username, action: 'backup.delete', target: backup.id, details: { volid: backup.volid, appHostname: backup.appHostname, operationId: operation.id } }, m);
      return { app, operation, jobKey: operationJobKey(operation) ?? backup.id };
    });

    try {
      await enqueueOperation(this.queue, 'backup-delete', operation.id, jobKey);
    } catch (e) {
      this.logger.error(`backup-delete ${operation.id} could not be queued: ${String(e)}`);
      await this.db.transaction(async (m) => {
        await m.getRepository(OperationEntity).update({ id: operation.id }, { state: 'failed', error: 'The job queue was unavailable, so the operation never started. Nothing was changed; try again.', finishedAt: new Date() });
        if (app) await m.getRepository(AppEntity).update({ id: app.id, activeOperationId: operation.id }, { activeOperationId: null });
      });
      throw new DomainError('QUEUE_UNAVAILABLE', 503, 'The job queue is unavailable, so nothing was started. Try again shortly.');
    }
    if (app) await this.notifier.appAndOperation(app, operation);
    else await this.notifier.publish({ type: 'operation.updated', operation: toOperationDto(operation) });
    return { ...(app ? { app: toAppDto(app, operation) } : {}), operation: toOperationDto(operation) };
  }

  /** An operation that belongs to no app (the backup's app was deleted); its history keeps the hostname. */
  private detachedOperation(m: EntityManager, backup: BackupEntity, principal: Principal, params: Record<string, unknown>): Promise<OperationEntity> {
    const ops = m.getRepository(OperationEntity);
    return ops.save(ops.create({
      type: 'backup-delete',
      state: 'queued',
      appId: null,
      appHostname: backup.appHostname,
      progress: 0,
      steps: initialSteps('backup-delete'),
      error: null,
      requestedBy: principal.username,
      upids: [],
      params,
      context: {},
      startedAt: null,
      finishedAt: null,
    }));
  }

  private async refuseIfBusy(m: EntityManager, app: AppEntity): Promise<void> {
    if (!app.activeOperationId) return;
    const active = await m.getRepository(OperationEntity).findOneBy({ id: app.activeOperationId });
    if (active && (active.state === 'queued' || active.state === 'running')) {
      throw new DomainError('OPERATION_IN_PROGRESS', 409, `A ${active.type} operation is ${active.state} for ${app.hostname}; wait for it to finish.`, undefined, active.id);
    }
  }
}
