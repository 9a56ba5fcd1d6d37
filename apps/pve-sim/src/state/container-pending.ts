import { configDigest, serializeConfig, type ConfigMap } from './container-config';
import type { ContainerState } from './sim-state';

/** Applied at once even while running (`$LXC_FASTPLUG_OPTIONS`). */
const FASTPLUG = new Set(['description', 'onboot', 'startup', 'protection', 'hostname', 'hookscript', 'cores', 'tags', 'lock']);
/** Hot-applied through cgroups / veth while running. */
const HOTPLUG = new Set(['memory', 'swap', 'cpulimit', 'cpuunits']);

/** Whether a change to `key` takes effect at once on a running CT (else it stays pending). */
export function appliesLive(ct: ContainerState, key: string, deleting: boolean): boolean {
  if (FASTPLUG.has(key)) return true;
  // `vmconfig_hotplug_pending` (pve-container src/PVE/LXC/Config.pm L1624-1747) deletes these live.
  if (deleting) return /^unused\d+$/.test(key) || /^net\d+$/.test(key) || ['swap', 'cpulimit', 'cpuunits'].includes(key);
  if (HOTPLUG.has(key) || /^net\d+$/.test(key)) return true;
  // Adding a new mount point is hotplugged; changing an existing one is not.
  return /^mp\d+$/.test(key) && !ct.config.has(key);
}

function hasPending(ct: ContainerState): boolean {
  return (ct.pending?.size ?? 0) > 0 || (ct.pendingDelete?.size ?? 0) > 0;
}

/** SHA1 of the raw file, `[pve:pending]` section included. */
export function containerDigest(ct: ContainerState): string {
  if (!hasPending(ct)) return configDigest(ct.config);
  let text = serializeConfig(ct.config);
  text += '\n[pve:pending]\n';
  text += serializeConfig(ct.pending ?? new Map());
  if (ct.pendingDelete?.size) text += `delete: ${[...ct.pendingDelete].sort().join(',')}\n`;
  return configDigest(new Map([['raw', text]]));
}

/** The config with pending values applied on top (what GET config shows by default). */
export function effectiveConfig(ct: ContainerState): ConfigMap {
  const out = new Map(ct.config);
  for (const key of ct.pendingDelete ?? []) out.delete(key);
  for (const [key, value] of ct.pending ?? []) out.set(key, value);
  return out;
}

/** `vmconfig_apply_pending`: at start/reboot, or when the CT is stopped. */
export function applyPending(ct: ContainerState): void {
  if (!hasPending(ct)) return;
  ct.config = effectiveConfig(ct);
  ct.pending = undefined;
  ct.pendingDelete = undefined;
}

export function setPending(ct: ContainerState, key: string, value: string): void {
  ct.pending ??= new Map();
  ct.pending.set(key, value);
  ct.pendingDelete?.delete(key);
}

export function deletePending(ct: ContainerState, key: string): void {
  ct.pending?.delete(key);
  ct.pendingDelete ??= new Set();
  ct.pendingDelete.add(key);
}

/** `revert`: drops pending changes of the given keys. */
export function revertPending(ct: ContainerState, key: string): void {
  ct.pending?.delete(key);
  ct.pendingDelete?.delete(key);
}
