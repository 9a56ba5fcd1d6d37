import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppPolicyEntity, BackupEntity, toAppPolicyDto, toBackupDto } from '@proxdeck/server-database';
import { planPrune } from '@proxdeck/server-domain';
import { PveTaskError, parseUpid } from '@proxdeck/server-proxmox';
import { EventPublisher } from '@proxdeck/server-queue';
import { BACKUP_KINDS, type BackupKind } from '@proxdeck/shared-contracts';
import type { OperationRun } from '../operations/operation-run';
import { reasonOf } from '../operations/failure-policy';
import { appSettingsOf, backupNotesTemplate, chooseBackupStorage, findNewArchive, removeArchive } from './backup-archives';
import { ContainerActions } from './container-actions';
import { includeDataVolumesInBackups } from './data-volume-backup';
import { OperationFailure } from './operation-failure';
import type { OperationProcessor } from './operation-processor';

export interface BackupRequest {
  kind: BackupKind;
  notes?: string;
}

// Facts a resumed backup needs (operation.context): a second attempt must not make a second archive.
const UPID = 'backup.upid';
const STORAGE = 'backup.storage';
const VOLID = 'backup.volid';
const SIZE = 'backup.size';
const PVE_NOTES = 'backup.pveNotes';

/**
 * A vzdump archive of the app's container (snapshot mode, zstd, notes naming the app and version),
 * recorded as a backup row with the app's settings, then the app's retention applied.
 * `takeBackup` is also what an update's pre-update backup runs inside its own step.
 */
@Injectable()
export class BackupProcessor implements OperationProcessor {
  readonly type = 'backup' as const;

  constructor(
    private readonly containers: ContainerActions,
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventPublisher,
  ) {}

  async run(run: OperationRun): Promise<void> {
    const request = backupRequest(run.operation.params);
    await run.step('backup', () => this.archive(run));
    await run.step('record', async () => void (await this.record(run, request)));
    await run.step('prune', () => this.prune(run));
  }

  /** Archive and record in one go (for operations that back up as one of their steps). */
  async takeBackup(run: OperationRun, request: BackupRequest): Promise<BackupEntity> {
    await this.archive(run);
    return this.record(run, request);
  }

  private async archive(run: OperationRun): Promise<void> {
    const pve = this.containers.pve;
    const { node, vmid } = this.containers.location(run);
    if (run.recall<string>(VOLID)) return run.log(`Archive ${run.recall<string>(VOLID)} was already made`);
    let upid = run.recall<string>(UPID);
    let storage = run.recall<string>(STORAGE);
    if (!upid || !storage) {
      if (!(await this.containers.status(node, vmid))) throw new OperationFailure(`Container ${vmid} no longer exists on ${node}; there is nothing to back up.`);
      await includeDataVolumesInBackups(this.containers, run, node, vmid);
      storage = await chooseBackupStorage(pve, this.containers.config, node);
      await run.remember(STORAGE, storage);
      upid = await pve.backupContainer(node, vmid, {
        storage,
        mode: 'snapshot',
        compress: 'zstd',
        notesTemplate: backupNotesTemplate(run.app),
        // Retention is Proxdeck's (the prune step): vzdump must not prune by the storage's settings.
        prune: false,
      });
      await run.remember(UPID, upid);
      await run.recordUpid(upid);
      await run.log(`Backing up container ${vmid} to ${storage} (snapshot mode, zstd): Proxmox task ${upid}`);
    } else {
      await run.log(`Following the backup task started before: ${upid}`);
    }
    try {
      await pve.waitForTask(upid);
    } catch (err) {
      if (!(err instanceof PveTaskError)) throw err;
      await run.remember(UPID, null); // the task is over: a retry starts a new one
      throw new OperationFailure(`The backup of ${run.app.hostname} failed: ${vzdumpError(err)}. Nothing was saved; check the free space of storage ${storage} on ${node}, or set PVE_BACKUP_STORAGE to another storage.`);
    }
    const volume = await findNewArchive(pve, this.db, { node, storage, vmid, since: parseUpid(upid).starttime });
    if (!volume) throw new OperationFailure(`The backup task ${upid} finished but no new archive of container ${vmid} shows in ${storage} on ${node}.`);
    await run.remember(SIZE, volume.size ?? 0);
    await run.remember(PVE_NOTES, volume.notes ?? '');
    await run.remember(VOLID, volume.volid);
    await run.log(`Archive ${volume.volid} (${Math.round((volume.size ?? 0) / 1048576)} MiB)`);
  }

  private async record(run: OperationRun, request: BackupRequest): Promise<BackupEntity> {
    const volid = run.recall<string>(VOLID);
    const storage = run.recall<string>(STORAGE);
    if (!volid || !storage) throw new Error('backup record step resumed without its archive');
    const repo = this.db.getRepository(BackupEntity);
    let backup = await repo.findOneBy({ volid });
    if (!backup) {
      const app = run.app;
      const { node } = this.containers.location(run);
      backup = await repo.save(repo.create({
        appId: app.id,
        appHostname: app.hostname,
        catalogId: app.catalogId,
        appVersion: app.version,
        node,
        storage,
        volid,
        sizeBytes: run.recall<number>(SIZE) ?? 0,
        kind: request.kind,
        protected: false,
        notes: request.notes ?? run.recall<string>(PVE_NOTES) ?? '',
        operationId: run.operation.id,
        appSettings: { ...appSettingsOf(app) },
      }));
      await run.log(`Recorded ${request.kind} backup ${backup.id}`);
    }
    await this.events.publish({ type: 'backup.updated', backup: toBackupDto(backup) });
    return backup;
  }

  /**
   * The app's retention (its policy, or the default policy of Settings / AUTO) over all its backups. A backup that
   * cannot be removed is reported and kept: the new backup stands either way.
   */
  private async prune(run: OperationRun): Promise<void> {
    const app = run.app;
    const policy = toAppPolicyDto(await this.db.getRepository(AppPolicyEntity).findOneBy({ appId: app.id }), this.containers.config.defaultPolicy).backup;
    const repo = this.db.getRepository(BackupEntity);
    const backups = await repo.findBy({ appId: app.id });
    const plan = planPrune(backups, policy, { timezone: policy.timezone, rollbackPending: app.previousVmid !== null });
    const rules = `keep-last ${policy.keepLast}, daily ${policy.keepDaily}, weekly ${policy.keepWeekly}, monthly ${policy.keepMonthly}`;
    await run.log(`Retention (${rules}): keeping ${plan.keep.length}, removing ${plan.remove.length}`);
    for (const backup of plan.remove) {
      try {
        await removeArchive(run, this.containers.pve, backup);
        await repo.delete({ id: backup.id });
        await this.events.publish({ type: 'backup.deleted', backupId: backup.id });
      } catch (err) {
        await run.log(`Could not remove old backup ${backup.volid}: ${reasonOf(err)} It is kept.`, 'warn');
      }
    }
  }

  /** No archive without a row: one made but not recorded is removed; the app shows its container's real state. */
  async compensate(run: OperationRun, reason: string): Promise<void> {
    await this.discardUnrecorded(run);
    await this.reflectStatus(run, reason);
  }

  /** Removes the archive this operation made if no backup row holds it (for an update that failed after its backup step too). */
  async discardUnrecorded(run: OperationRun): Promise<void> {
    const storage = run.recall<string>(STORAGE);
    const upid = run.recall<string>(UPID);
    if (!storage || !run.hasApp || !run.app.node || run.app.vmid === null) return;
    const node = run.app.node;
    let volid = run.recall<string>(VOLID) ?? null;
    if (!volid && upid) volid = (await findNewArchive(this.containers.pve, this.db, { node, storage, vmid: run.app.vmid, since: parseUpid(upid).starttime }))?.volid ?? null;
    if (!volid || (await this.db.getRepository(BackupEntity).existsBy({ volid }))) return;
    await removeArchive(run, this.containers.pve, { node, storage, volid });
  }

  /** A failed backup does not make the app faulty: its status follows the container (running, stopped or gone). */
  private async reflectStatus(run: OperationRun, reason: string): Promise<void> {
    if (!run.hasApp) return;
    const { node, vmid, status } = run.app;
    const real = node && vmid !== null ? await this.containers.status(node, vmid).catch(() => undefined) : null;
    if (real === null) {
      await run.updateApp({ status: 'missing', statusReason: `${reason} The container no longer exists in Proxmox.` });
    } else if (real && (status === 'running' || status === 'stopped')) {
      const now = real.status === 'running' ? 'running' : 'stopped';
      if (now !== status) await run.updateApp({ status: now, statusReason: null });
    }
  }
}

function backupRequest(params: Record<string, unknown>): BackupRequest {
  const kind = (BACKUP_KINDS as readonly unknown[]).includes(params['kind']) ? (params['kind'] as BackupKind) : 'manual';
  const notes = typeof params['notes'] === 'string' && params['notes'] !== '' ? params['notes'] : undefined;
  return { kind, notes };
}

/** vzdump ends with `job errors`; the reason is on its `ERROR:` line. */
function vzdumpError(err: PveTaskError): string {
  const line = [...err.logTail].reverse().find((l) => /^ERROR: /.test(l));
  const detail = line ? line.replace(/^ERROR: (Backup of VM \d+ failed - )?/, '') : err.exitstatus;
  return detail.replace(/[.\s]+$/, '');
}
