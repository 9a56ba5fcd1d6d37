import { dieError, paramError } from '../params/api-error';
import { isTrue, parsePropertyString } from '../params/property-string';
import type { SimContext } from '../sim-context';
import { TaskFailure } from '../tasks/task-runner';
import type { ConfigMap } from './container-config';
import { allocateDisk, diskEntries, diskValue } from './container-disks';
import type { ContainerFeatures } from './container-features';
import type { ContainerState } from './sim-state';

const GiB = 1024 ** 3;

/** A new volume, `STORAGE:SIZE_GiB` (pve-container src/PVE/LXC.pm L63 `$NEW_DISK_RE`). */
export const NEW_DISK_RE = /^([^:\s]+):(\d+(\.\d+)?)$/;

/** Booleans of `$rootfs_desc`/`$mp_desc` (src/PVE/LXC/Config.pm L345-1029). */
const BOOLEAN_KEYS = ['acl', 'ro', 'quota', 'replicate', 'shared', 'backup', 'keepattrs'];

/** The keys a mount point takes on this pve-container (`keepattrs` from 6.1.2, `idmap` from 6.1.6). */
function allowedKeys(features: ContainerFeatures): Set<string> {
  const keys = ['volume', 'size', 'acl', 'mountoptions', 'ro', 'quota', 'replicate', 'shared', 'backup', 'mp'];
  if (features.mountAttrs === 'keepattrs') keys.push('keepattrs');
  if (features.mountIdmap) keys.push('idmap');
  return new Set(keys);
}

/**
 * `parse_property_string` of an `mpN` value against `$mp_desc` (pve-common JSONSchema.pm
 * L1061-1128): unknown keys and bad booleans are a 400 naming the key; booleans come out as 1/0.
 */
export function parseMountPoint(key: string, value: string, features: ContainerFeatures): Map<string, string> {
  let map: Map<string, string>;
  try {
    map = parsePropertyString(value, 'volume');
  } catch (e) {
    throw paramError({ [key]: `invalid format - ${e instanceof Error ? e.message : String(e)}` });
  }
  const allowed = allowedKeys(features);
  for (const [k, v] of map) {
    if (!allowed.has(k)) throw paramError({ [key]: `invalid format - invalid key in comma-separated list property: ${k}` });
    if (BOOLEAN_KEYS.includes(k)) {
      if (isTrue(v)) map.set(k, '1');
      else if (/^(0|off|no|false)$/i.test(v)) map.set(k, '0');
      else throw paramError({ [key]: `invalid format - format error\n${key}.${k}: type check ('boolean') failed - got '${v}'` });
    }
  }
  if (key !== 'rootfs' && !map.has('mp')) throw paramError({ [key]: `invalid format - format error\n${key}.mp: property is missing and it is not optional` });
  return map;
}

/** `add_unused_volume` (pve-guest-common AbstractConfig.pm L428-446): the lowest free `unusedN`. */
export function addUnused(conf: ConfigMap, volid: string): void {
  if ([...conf.entries()].some(([k, v]) => /^unused\d+$/.test(k) && v === volid)) return;
  for (let n = 0; ; n++) {
    if (!conf.has(`unused${n}`)) {
      conf.set(`unused${n}`, volid);
      return;
    }
  }
}

/** Checks a new volume's storage like `update_pct_config` does (500s). */
function checkStorage(sim: SimContext, storage: string): void {
  const def = sim.state.storage(storage);
  if (!def) throw dieError(`storage '${storage}' does not exist`);
  if (!def.content.includes('rootdir')) throw dieError(`storage '${storage}' does not allow content type 'rootdir' (Container)`);
}

/**
 * Writes `key` = `value` into `conf`, as `apply_pending_mountpoint` does (src/PVE/LXC/Config.pm
 * L1855-1895): a `STORAGE:SIZE` value allocates `vm-<vmid>-disk-<n>`; the volume it replaces, if
 * another, stays as `unusedN`. Allocation failures throw the storage's text.
 */
function writeMountPoint(sim: SimContext, ct: ContainerState, conf: ConfigMap, key: string, map: Map<string, string>): void {
  const volume = map.get('volume') ?? '';
  const old = diskEntries(conf).find((d) => d.key === key);
  const options = new Map([...map].filter(([k]) => k !== 'volume' && k !== 'size'));
  const m = NEW_DISK_RE.exec(volume);
  let volid: string;
  let size: number;
  if (m) {
    checkStorage(sim, m[1]);
    size = Math.round(Number(m[2]) * GiB);
    volid = allocateDisk(sim, { log: () => undefined }, ct.node, m[1], ct.vmid, size);
  } else if (old && old.volid === volume) {
    ({ volid, size } = old);
  } else {
    const unused = [...conf.entries()].find(([k, v]) => /^unused\d+$/.test(k) && v === volume);
    const state = unused ? sim.state.volume(ct.node, volume) : undefined;
    if (!unused || !state) throw dieError(`pve-sim: mount point volumes must be new (STORAGE:SIZE), the current one or one of this CT's unusedN, got '${volume}'`);
    conf.delete(unused[0]);
    volid = volume;
    size = state.size;
  }
  if (old && old.volid !== volid) addUnused(conf, old.volid);
  conf.set(key, diskValue(volid, size, options));
}

/**
 * `PUT .../config` for `mpN` (src/PVE/LXC/Config.pm `update_pct_config` L1301-1399 with
 * `vmconfig_hotplug_pending` L1624-1747): a stopped CT gets the change at once; on a running CT
 * a new mount point is hot-plugged at once, a change to an existing one waits in
 * `[pve:pending]` for the next start. Errors are the 400 PVE raises before writing anything.
 */
export function setMountPoint(sim: SimContext, ct: ContainerState, key: string, value: string, features: ContainerFeatures): 'applied' | 'pending' {
  const map = parseMountPoint(key, value, features);
  const running = ct.status === 'running';
  if (running && ct.config.has(key)) return 'pending';
  try {
    writeMountPoint(sim, ct, ct.config, key, map);
  } catch (err) {
    if (!(err instanceof TaskFailure)) throw err;
    throw paramError({ [key]: running ? `unable to hotplug ${key}: ${err.message}` : `unable to apply pending change ${key} : ${err.message}` });
  }
  return 'applied';
}

/** `delete=mpN` applied (stopped, or at start): the key goes, its volume stays as `unusedN` (Config.pm L1764-1769). */
export function deleteMountPoint(conf: ConfigMap, key: string): void {
  const disk = diskEntries(conf).find((d) => d.key === key);
  conf.delete(key);
  if (disk) addUnused(conf, disk.volid);
}

/**
 * At start (`vmconfig_apply_pending`, src/PVE/LXC.pm L3128-3134): pending mount point changes
 * are written (allocating new volumes) and pending deletes leave `unusedN`, before the rest.
 */
export function applyPendingMountPoints(sim: SimContext, ct: ContainerState, features: ContainerFeatures): void {
  for (const key of [...(ct.pendingDelete ?? [])].filter((k) => /^mp\d+$/.test(k))) {
    deleteMountPoint(ct.config, key);
    ct.pendingDelete?.delete(key);
  }
  for (const [key, value] of [...(ct.pending ?? [])].filter(([k]) => /^mp\d+$/.test(k))) {
    writeMountPoint(sim, ct, ct.config, key, parseMountPoint(key, value, features));
    ct.pending?.delete(key);
  }
}
