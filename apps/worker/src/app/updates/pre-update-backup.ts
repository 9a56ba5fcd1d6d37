import type { DataSource } from 'typeorm';
import { BackupEntity } from '@proxdeck/server-database';
import type { OperationRun } from '../operations/operation-run';
import { appSettingsOf, backupNotesTemplate, chooseBackupStorage } from '../processors/backup-archives';
import type { ContainerActions } from '../processors/container-actions';
import { includeDataVolumesInBackups } from '../processors/data-volume-backup';
import { OperationFailure } from '../processors/operation-failure';

/**
 * The backup an update takes before touching anything (vzdump snapshot mode, zstd), recorded as
 * kind `pre-update` with the operation's id, so retention keeps it while a rollback may need it.
 * Resumable: the archives that existed before and the task id are remembered, so a retried attempt
 * finds its archive instead of taking a second one.
 */
export async function takePreUpdateBackup(
  containers: ContainerActions,
  db: DataSource,
  run: OperationRun,
  what: { node: string; vmid: number; targetVersion: string },
): Promise<void> {
  const backups = db.getRepository(BackupEntity);
  const recorded = await backups.findOneBy({ operationId: run.operation.id, kind: 'pre-update' });
  if (recorded) return run.log(`Pre-update backup ${recorded.volid} exists already`);

  const { node, vmid } = what;
  const storage = run.recall<string>('backupStorage') ?? (await chooseBackupStorage(containers.pve, containers.config, node));
  let before = run.recall<string[]>('backupsBefore');
  let upid = run.recall<string>('backupUpid');
  if (!before || !upid) {
    await includeDataVolumesInBackups(containers, run, node, vmid);
    before = await archivesOf(containers, node, storage, vmid);
    upid = await containers.pve.backupContainer(node, vmid, {
      storage,
      mode: 'snapshot',
      compress: 'zstd',
      // Tags are [A-Za-z0-9_.-], so the target version needs no escaping in the template.
      notesTemplate: `${backupNotesTemplate(run.app)} before the update to ${what.targetVersion}`,
      prune: false,
    });
    await run.remember('backupStorage', storage);
    await run.remember('backupsBefore', before);
    await run.remember('backupUpid', upid);
  }
  try {
    await containers.runTask(run, `Backing up container ${vmid} to ${storage} before the update`, upid);
  } catch (err) {
    await run.remember('backupUpid', undefined); // a retry starts a fresh vzdump
    throw err;
  }
  const known = new Set(before);
  const volumes = await containers.pve.storageContent(node, storage, 'backup');
  const archive = volumes.filter((v) => v.vmid === vmid && !known.has(v.volid)).sort((a, b) => (b.ctime ?? 0) - (a.ctime ?? 0))[0];
  if (!archive) throw new OperationFailure(`The backup of container ${vmid} finished, but no new archive shows in ${storage} on ${node}.`);

  const app = run.app;
  await backups.save(backups.create({
    appId: app.id,
    appHostname: app.hostname,
    catalogId: app.catalogId,
    appVersion: app.version,
    node,
    storage,
    volid: archive.volid,
    sizeBytes: archive.size ?? 0,
    kind: 'pre-update',
    protected: false,
    notes: archive.notes ?? '',
    operationId: run.operation.id,
    appSettings: { ...appSettingsOf(app) },
  }));
  await run.log(`Pre-update backup: ${archive.volid}`);
}

async function archivesOf(containers: ContainerActions, node: string, storage: string, vmid: number): Promise<string[]> {
  return (await containers.pve.storageContent(node, storage, 'backup')).filter((v) => v.vmid === vmid).map((v) => v.volid);
}
