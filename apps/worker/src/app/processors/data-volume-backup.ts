import { parsePropertyString } from '@proxdeck/server-proxmox';
import type { OperationRun } from '../operations/operation-run';
import { dataVolumeKeys } from '../updates/container-swap';
import type { ContainerActions } from './container-actions';

/**
 * Makes sure vzdump archives the app's data: Proxmox backs up a mount point only with `backup=1`
 * (pve-container Config.pm `mountpoint_backup_enabled`), which apps deployed before Proxdeck set
 * it lack. The flag is added to each data volume; a running container gets it only when it
 * starts again (a changed mount point waits in `[pve:pending]`), so it is rebooted once, before
 * the archive is taken, rather than archiving an app without its data.
 */
export async function includeDataVolumesInBackups(containers: ContainerActions, run: OperationRun, node: string, vmid: number): Promise<void> {
  const pve = containers.pve;
  const current = await pve.containerConfig(node, vmid, { current: true });
  const missing = dataVolumeKeys(current).filter((key) => parsePropertyString(String(current[key]), 'volume')['backup'] !== '1');
  if (missing.length === 0) return;
  const mp = Object.fromEntries(missing.map((key) => [Number(key.slice(2)), withBackupFlag(String(current[key]))]));
  await pve.updateContainerConfig(node, vmid, { mp }, current.digest);
  await run.log(`Data volumes ${missing.join(', ')} of container ${vmid} now go into backups (backup=1)`);
  if ((await containers.status(node, vmid))?.status === 'running') {
    await containers.runTask(run, `Restarting container ${vmid} once so its data volumes go into this backup`, await pve.rebootContainer(node, vmid));
  }
}

/** `local-lvm:vm-100-disk-1,mp=/data,size=2G` with `backup=1` (replacing a `backup=0`). */
export function withBackupFlag(spec: string): string {
  const parts = spec.split(',').filter((part) => !part.startsWith('backup='));
  return [...parts, 'backup=1'].join(',');
}
