import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import type { ProxdeckConfig } from '@proxdeck/server-config';
import { type AppEntity, BackupEntity } from '@proxdeck/server-database';
import { PveError, type PveClient, type PveVolume } from '@proxdeck/server-proxmox';
import type { CatalogRuntime } from '@proxdeck/shared-contracts';
import type { OperationRun } from '../operations/operation-run';
import { OperationFailure } from './operation-failure';

/** The app settings a backup keeps (BackupEntity.appSettings), so a restore into a new app needs nothing else. */
export interface BackupAppSettings {
  name: string;
  catalogId: string;
  version: string;
  runtime: CatalogRuntime;
  cores: number;
  memoryMb: number;
  diskGb: number;
  httpPort: number | null;
  inputs: Record<string, string>;
  envOverrides: Record<string, string>;
  secretsEncrypted: string | null;
}

export function appSettingsOf(app: AppEntity): BackupAppSettings {
  return {
    name: app.name,
    catalogId: app.catalogId,
    version: app.version,
    runtime: app.runtime,
    cores: app.cores,
    memoryMb: app.memoryMb,
    diskGb: app.diskGb,
    httpPort: app.httpPort,
    inputs: app.inputs ?? {},
    envOverrides: app.envOverrides ?? {},
    secretsEncrypted: app.secretsEncrypted,
  };
}

/** The stored settings, with the backup row's own columns filling gaps (rows written by hand or by older code). */
export function readAppSettings(backup: BackupEntity): BackupAppSettings {
  const s = backup.appSettings as Partial<BackupAppSettings>;
  return {
    name: s.name ?? backup.catalogId,
    catalogId: s.catalogId ?? backup.catalogId,
    version: s.version ?? backup.appVersion,
    runtime: s.runtime ?? 'oci',
    cores: s.cores ?? 1,
    memoryMb: s.memoryMb ?? 512,
    diskGb: s.diskGb ?? 4,
    httpPort: s.httpPort ?? null,
    inputs: s.inputs ?? {},
    envOverrides: s.envOverrides ?? {},
    secretsEncrypted: s.secretsEncrypted ?? null,
  };
}

/**
 * vzdump's notes template naming the app and its version. Only `{{guestname}}` is a variable;
 * braces and backslashes are dropped from our values since vzdump would read them as template syntax.
 */
export function backupNotesTemplate(app: Pick<AppEntity, 'catalogId' | 'version'>): string {
  const plain = (s: string) => s.replace(/[{}\\]/g, '');
  return `Proxdeck {{guestname}} ${plain(app.catalogId)} ${plain(app.version)}`;
}

/** PVE_BACKUP_STORAGE, else the node's first enabled storage that takes backups. */
export async function chooseBackupStorage(pve: PveClient, config: ProxdeckConfig, node: string): Promise<string> {
  if (config.pve.backupStorage) return config.pve.backupStorage;
  const storages = await pve.storages(node, { content: 'backup', enabled: true });
  const fit = storages.find((s) => s.content.split(',').includes('backup'));
  if (!fit) throw new OperationFailure(`Node ${node} has no storage for backups; enable "VZDump backup file" content on one, or set PVE_BACKUP_STORAGE.`);
  return fit.storage;
}

/**
 * The archive a vzdump task started at `since` (Unix seconds) wrote for `vmid`: the newest backup
 * of that guest from then on that no backup row claims yet.
 */
export async function findNewArchive(pve: PveClient, db: DataSource, where: { node: string; storage: string; vmid: number; since: number }): Promise<PveVolume | null> {
  const volumes = (await pve.storageContent(where.node, where.storage, 'backup'))
    .filter((v) => v.vmid === where.vmid && (v.ctime ?? 0) >= where.since)
    .sort((a, b) => (b.ctime ?? 0) - (a.ctime ?? 0));
  if (volumes.length === 0) return null;
  const claimed = new Set((await db.getRepository(BackupEntity).find({ select: { volid: true }, where: { volid: In(volumes.map((v) => v.volid)) } })).map((b) => b.volid));
  return volumes.find((v) => !claimed.has(v.volid)) ?? null;
}

/** True when the archive is still on its storage (it may have been removed outside Proxdeck). */
export async function archiveExists(pve: PveClient, node: string, storage: string, volid: string): Promise<boolean> {
  try {
    return (await pve.storageContent(node, storage, 'backup')).some((v) => v.volid === volid);
  } catch (err) {
    if (err instanceof PveError && err.kind === 'not-found') return false;
    throw err;
  }
}

/** Removes an archive from Proxmox; one that is already gone counts as removed. */
export async function removeArchive(run: OperationRun, pve: PveClient, where: { node: string; storage: string; volid: string }): Promise<void> {
  let upid: string;
  try {
    upid = await pve.deleteVolume(where.node, where.storage, where.volid);
  } catch (err) {
    if (err instanceof PveError && err.kind === 'not-found') return run.log(`Archive ${where.volid} is already gone from ${where.storage}`);
    throw err;
  }
  await run.recordUpid(upid);
  await pve.waitForTask(upid);
  await run.log(`Removed archive ${where.volid}`);
}
