import { permissionMessage } from '../access/permission-check';
import { ApiError, dieError, paramError } from '../params/api-error';
import { boolParam, numParam, strParam } from '../params/param-schema';
import { parsePropertyString } from '../params/property-string';
import type { RouteDef } from '../http/router';
import type { SimContext } from '../sim-context';
import type { ConfigMap } from '../state/container-config';
import { allocateDisk, diskEntries } from '../state/container-disks';
import { bringDown, bringUp } from '../state/container-runtime';
import { NEW_DISK_RE } from '../state/mount-points';
import type { ContainerState } from '../state/sim-state';
import { isFileStorage, volumePath } from '../state/storage-model';
import { TaskAborted, TaskFailure, type TaskContext } from '../tasks/task-runner';
import { cmdToString } from './lxc-oci';
import { assertNotLocked, target, startContainerTask } from './route-helpers';

const hms = (s: number): string => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

/**
 * `POST /nodes/{node}/lxc/{vmid}/migrate` (`migrate_vm`, pve-container src/PVE/API2/LXC.pm
 * L1619-1753): only the target node, the CT, a running CT without `online`/`restart` and
 * `target-storage` are checked before the `vzmigrate` task (id = vmid); the lock, live migration
 * and the volumes are checked in it (src/PVE/LXC/Migrate.pm, pve-guest-common
 * src/PVE/AbstractMigrate.pm `migrate` L104-251). Local volumes are copied to the target (same
 * storage or `target-storage`) and freed here; shared ones stay. Live migration does not exist for
 * containers: a running CT moves in `restart` mode (shut down here, started there).
 */
export const lxcMigrateRoutes: RouteDef[] = [
  {
    // `migrate_vm_precondition` (PVE 9): the CT must exist here and be unlocked; every other cluster
    // node (online or not) is allowed, as nothing is HA-managed in the sim. `target` is accepted, unused.
    method: 'GET',
    path: '/nodes/{node}/lxc/{vmid}/migrate',
    schema: { target: { type: 'string', optional: true, format: 'pve-node' } },
    handler: ({ params, sim }) => {
      const { node, vmid } = target(params);
      const ct = sim.state.requireContainer(node, vmid);
      assertNotLocked(ct);
      return {
        running: ct.status === 'running' ? 1 : 0,
        'allowed-nodes': sim.state.nodes.map((n) => n.name).filter((name) => name !== node),
        'not-allowed-nodes': {},
      };
    },
  },
  {
    method: 'POST',
    path: '/nodes/{node}/lxc/{vmid}/migrate',
    schema: {
      target: { type: 'string', format: 'pve-node' },
      online: { type: 'boolean', optional: true },
      restart: { type: 'boolean', optional: true },
      timeout: { type: 'integer', optional: true },
      'target-storage': { type: 'string', optional: true },
      bwlimit: { type: 'number', optional: true, minimum: 0 },
    },
    handler: ({ params, sim, auth }) => {
      const targetStorage = strParam(params, 'target-storage');
      // `storage-pair-list` is a schema format: each entry is checked with the other parameters.
      const formatError = targetStorage === undefined ? undefined : storagePairListError(targetStorage);
      if (formatError !== undefined) throw paramError({ 'target-storage': formatError });
      const { node, vmid } = target(params);
      const targetNode = strParam(params, 'target') ?? '';
      // L1681-1689: no online check of the target here (an offline one fails the task at ssh).
      if (targetNode === node) throw paramError({ target: 'target is local node.' });
      if (!sim.state.node(targetNode)) throw dieError(`no such cluster node '${targetNode}'`);
      const ct = sim.state.requireContainer(node, vmid);
      const online = boolParam(params, 'online');
      const restart = boolParam(params, 'restart');
      // L1694-1698: `online` passes here; Migrate.pm `prepare` refuses it in the task.
      if (ct.status === 'running' && !online && !restart) throw dieError("can't migrate running container without --online or --restart");
      const storagemap = targetStorage ? checkStorageMap(sim, auth.fullUser, vmid, targetNode, targetStorage) : undefined;
      const opts: MigrateOptions = { node, targetNode, online, restart, timeout: numParam(params, 'timeout') ?? 180, bwlimit: numParam(params, 'bwlimit'), storagemap };
      // L1740-1751: `guest_migration_lock`, then `lock_vm` (the config flock) for the whole run.
      return startContainerTask(sim, auth, node, vmid, 'vzmigrate', (ctx) => migrateContainer(sim, ctx, vmid, opts));
    },
  },
];

/** pve-common `parse_idmap` (src/PVE/JSONSchema.pm L372-409) of a `pve-targetstorage`. */
interface StorageMap {
  identity?: boolean;
  default?: string;
  entries: Map<string, string>;
}

interface MigrateOptions {
  node: string;
  targetNode: string;
  online: boolean;
  restart: boolean;
  timeout: number;
  /** KiB/s; no storage or datacenter limits exist in the sim, so `get_bandwidth_limit` returns it as is. */
  bwlimit?: number;
  storagemap?: StorageMap;
}

/** `split_list` (pve-common src/PVE/ParseUtils.pm L49-58). */
const splitList = (text: string): string[] => text.replace(/[,;]/g, ' ').split(/\s+/).filter((s) => s !== '');

/** `parse_id` (JSONSchema.pm L292-305) for storage IDs: the error text, or undefined. */
function storageIdError(id: string): string | undefined {
  if (id.length < 2) return `storage ID '${id}' cannot be shorter than 2 characters\n`;
  if (!/^[a-z][a-z0-9\-_.]*[a-z0-9]$/i.test(id)) return `storage ID '${id}' contains illegal characters\n`;
  return undefined;
}

/**
 * The `storage-pair-list` format (JSONSchema.pm L434-442, `verify_idpair` L411-421, `check_format`
 * L999-1004, `check_prop` L1628-1633): each entry parsed alone; the first bad entry's error.
 */
function storagePairListError(text: string): string | undefined {
  for (const entry of splitList(text)) {
    if (entry === '1') continue;
    const pair = /^([^:]+):([^:]+)$/.exec(entry);
    const inner = pair ? (storageIdError(pair[1]) ?? storageIdError(pair[2])) : storageIdError(entry);
    if (inner !== undefined) return `invalid format - entry '${entry}' contains invalid ID - ${inner}\n\n`;
  }
  return undefined;
}

/** `parse_idmap` of the whole list (its per-entry checks already passed): the map or its error. */
function parseStorageMap(text: string): StorageMap {
  const map: StorageMap = { entries: new Map() };
  for (const entry of splitList(text)) {
    const pair = /^([^:]+):([^:]+)$/.exec(entry);
    if (entry === '1') {
      map.identity = true;
    } else if (pair) {
      if (map.entries.has(pair[1])) throw new Error(`duplicate mapping for source '${pair[1]}'\n`);
      map.entries.set(pair[1], pair[2]);
    } else {
      if (map.default !== undefined) throw new Error('default target ID can only be provided once\n');
      map.default = entry;
    }
  }
  if (map.identity && (map.default !== undefined || map.entries.size > 0)) throw new Error('identity mapping cannot be combined with other mappings\n');
  return map;
}

/** `map_id` (JSONSchema.pm L358-370). */
function mapId(map: StorageMap | undefined, source: string): string {
  if (!map) return source;
  return map.entries.get(source) ?? map.default ?? source;
}

/**
 * L1700-1721: the map parsed (400 `failed to parse storage map: ...`), `VM.Config.Disk` unless
 * it is the identity, then `$check_storage_access_migrate` (L62-72) for every target storage.
 */
function checkStorageMap(sim: SimContext, user: string, vmid: number, targetNode: string, text: string): StorageMap {
  let map: StorageMap;
  try {
    map = parseStorageMap(text);
  } catch (err) {
    throw paramError({ 'target-storage': `failed to parse storage map: ${err instanceof Error ? err.message : String(err)}` });
  }
  if (!map.identity && !sim.access.has(user, `/vms/${vmid}`, ['VM.Config.Disk'], false)) {
    throw new ApiError(403, permissionMessage(`/vms/${vmid}, VM.Config.Disk`));
  }
  for (const sid of [...map.entries.values(), ...(map.default !== undefined ? [map.default] : [])]) {
    const def = sim.state.requireStorage(sid);
    if (!sim.access.has(user, `/storage/${sid}`, ['Datastore.AllocateSpace'], false)) {
      throw new ApiError(403, permissionMessage(`/storage/${sid}, Datastore.AllocateSpace`));
    }
    if (!def.content.includes('rootdir')) throw dieError(`storage '${sid}' does not support CT rootdirs`);
  }
  return map;
}

/** The volume of a `rootfs`/`mpN` value, or an `unusedN` value itself. */
function volumeOf(key: string, value: string): string {
  return /^unused\d+$/.test(key) ? value : (parsePropertyString(value, 'volume').get('volume') ?? '');
}

/** `foreach_volume_full(..., {include_unused => 1})`: rootfs, mp0..mp255, then unusedN. */
function volumesOf(conf: ConfigMap, includeUnused: boolean): Array<{ key: string; volid: string }> {
  const keys = diskEntries(conf).map((d) => d.key);
  if (includeUnused) keys.push(...[...conf.keys()].filter((k) => /^unused\d+$/.test(k)).sort((a, b) => Number(a.slice(6)) - Number(b.slice(6))));
  return keys.map((key) => ({ key, volid: volumeOf(key, conf.get(key) ?? '') }));
}

/** `update_volume_ids` (AbstractConfig.pm L498-530): every reference to a migrated volume renamed. */
function renameVolumes(conf: ConfigMap | undefined, volumeMap: Map<string, string>): void {
  if (!conf) return;
  for (const [key, value] of conf) {
    for (const [from, to] of volumeMap) {
      if (value === from) conf.set(key, to);
      else if (value.startsWith(`${from},`)) conf.set(key, `${to}${value.slice(from.length)}`);
    }
  }
}

class MigrationState {
  wasRunning = false;
  confMigrated = false;
  /** Source volumes copied to the target (`$self->{volumes}`) and their new names (`volume_map`). */
  readonly volumes: string[] = [];
  readonly volumeMap = new Map<string, string>();
  /** `$self->{errors}`: problems after the config moved. */
  errors = false;
}

/**
 * The worker: `AbstractMigrate::migrate` L104-251 with Migrate.pm's `prepare` L36-176,
 * `phase1` L178-476, `phase1_cleanup` L478-495, `phase3` L500-517, `final_cleanup` L519-564.
 * Every line is `<%F %H:%M:%S> [ERROR: ]<msg>` (`$msg2text`, L15-28).
 */
async function migrateContainer(sim: SimContext, ctx: TaskContext, vmid: number, opts: MigrateOptions): Promise<void> {
  const started = sim.nowSeconds();
  const log = (msg: string, level: 'info' | 'warn' | 'err' = 'info'): void => {
    const d = new Date(sim.nowSeconds() * 1000);
    const pad = (n: number): string => String(n).padStart(2, '0');
    const prefix = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${level === 'err' ? ' ERROR:' : ''}`;
    for (const line of msg.replace(/\n$/, '').split('\n')) if (line !== '') ctx.log(`${prefix} ${line}`);
  };
  const text = (err: unknown): string => (err instanceof Error ? err.message : String(err));
  const state = new MigrationState();
  try {
    const ct = await prepare(sim, ctx, vmid, opts, state, log);
    try {
      await phase1(sim, ctx, ct, opts, state, log);
    } catch (err) {
      if (err instanceof TaskAborted) throw err;
      log(text(err), 'err');
      log('aborting phase 1 - cleanup resources');
      for (const volid of state.volumes) log(`found stale volume copy '${state.volumeMap.get(volid) ?? volid}' on node '${opts.targetNode}'`, 'err');
      await finalCleanup(sim, ctx, ct, opts, state, log);
      throw err;
    }
    // phase3: the local copies go (lvremove prints its line outside the migration log format).
    for (const volid of state.volumes) {
      sim.state.removeVolume(opts.node, volid);
      if (sim.state.storage(volid.split(':')[0])?.type === 'lvmthin') ctx.log(`  Logical volume "${volid.split(':')[1]}" successfully removed.`);
    }
    await finalCleanup(sim, ctx, ct, opts, state, log);
  } catch (err) {
    if (err instanceof TaskAborted) throw err;
    log(`migration aborted (duration ${hms(sim.nowSeconds() - started)}): ${text(err)}`, 'err');
    throw new TaskFailure('migration aborted');
  }
  if (state.errors) {
    log(`migration finished with problems (duration ${hms(sim.nowSeconds() - started)})`, 'err');
    throw new TaskFailure('migration problems');
  }
  log(`migration finished successfully (duration ${hms(sim.nowSeconds() - started)})`);
}

type Log = (msg: string, level?: 'info' | 'warn' | 'err') => void;

/** Migrate.pm `prepare` L36-176: lock, running mode, every volume's storage here and there, ssh, shutdown. */
async function prepare(sim: SimContext, ctx: TaskContext, vmid: number, opts: MigrateOptions, state: MigrationState, log: Log): Promise<ContainerState> {
  const ct = sim.state.containers.get(vmid);
  if (!ct || ct.node !== opts.node) throw new TaskFailure(`Configuration file 'nodes/${opts.node}/lxc/${vmid}.conf' does not exist`);
  const lock = ct.config.get('lock');
  if (lock) throw new TaskFailure(`CT is locked (${lock})`);
  const running = ct.status === 'running';
  if (running) {
    if (opts.online) throw new TaskFailure('lxc live migration is currently not implemented');
    // L53: a die without "\n" gets Perl's location appended.
    if (!opts.restart) throw new TaskFailure('running container can only be migrated in restart mode at /usr/share/perl5/PVE/LXC/Migrate.pm line 53.');
  }
  state.wasRunning = running;
  for (const { volid } of volumesOf(ct.config, true)) {
    const sid = volid.split(':')[0];
    const def = sim.state.requireStorage(sid);
    if (!def.content.includes('rootdir')) throw new TaskFailure(`content type 'rootdir' is not available on storage '${sid}'`);
    if (def.shared) continue;
    const targetSid = mapId(opts.storagemap, sid);
    if (!sim.state.requireStorage(targetSid).content.includes('rootdir')) throw new TaskFailure(`${volid}: content type 'rootdir' is not available on storage '${targetSid}'`);
  }
  // L157-162: `ssh <target> /bin/true`.
  if (sim.state.node(opts.targetNode)?.status !== 'online') throw new TaskFailure("Can't connect to destination address using public key");
  if (opts.restart && running) {
    log(`shutdown CT ${vmid}`);
    await ctx.step(Math.min(1000, opts.timeout * 1000));
    await bringDown(sim, ct);
  }
  return ct;
}

/** Migrate.pm `phase1` L178-476: `lock: migrate`, the volumes checked and copied, the config moved. */
async function phase1(sim: SimContext, ctx: TaskContext, ct: ContainerState, opts: MigrateOptions, state: MigrationState, log: Log): Promise<void> {
  const { node, targetNode } = opts;
  const ip = `127.0.0.${sim.state.nodes.findIndex((n) => n.name === targetNode) + 1}`;
  log(`starting migration of CT ${ct.vmid} to node '${targetNode}' (${ip})`);
  ct.config.set('lock', 'migrate');

  // L209-298 `$test_volid`/`$test_mp`: snapshots' volumes, then pending ones, then the current ones (unused included).
  const local = new Map<string, { ref: 'config' | 'snapshot'; targetSid: string }>();
  const errors = new Map<string, string>();
  const testVolid = (volid: string, snapshot: boolean): void => {
    if (NEW_DISK_RE.test(volid)) {
      log(`volume '${volid}' does not exist (pending change?)`);
      return;
    }
    const sid = volid.split(':')[0];
    const def = sim.state.storage(sid);
    if (!def) throw new Error(`storage '${sid}' does not exist\n`);
    if (def.shared) {
      if (!snapshot) log(`volume '${volid}' is on shared storage '${sid}'`);
      return;
    }
    const targetSid = mapId(opts.storagemap, sid);
    if (!sim.state.storage(targetSid)) throw new Error(`storage '${targetSid}' does not exist\n`);
    local.set(volid, { ref: snapshot ? 'snapshot' : 'config', targetSid });
    // L252-258: only zfspool and btrfs carry snapshots along.
    if (snapshot) throw new Error('non-migratable snapshot exists\n');
  };
  const testMp = (volid: string, snapshot: boolean): void => {
    try {
      testVolid(volid, snapshot);
    } catch (err) {
      if (!errors.has(volid)) errors.set(volid, err instanceof Error ? err.message : String(err));
    }
  };
  for (const snap of ct.snapshots?.values() ?? []) for (const { volid } of volumesOf(snap.config, false)) testMp(volid, true);
  for (const { volid } of volumesOf(ct.pending ?? new Map(), false)) testMp(volid, false);
  for (const { volid } of volumesOf(ct.config, true)) testMp(volid, false);
  for (const [volid, { ref }] of [...local].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    log(`found local volume '${volid}' (${ref === 'config' ? 'in current VM config' : 'referenced by snapshot(s)'})`);
  }
  for (const [volid, msg] of [...errors].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) log(`can't migrate local volume '${volid}': ${msg}`, 'warn');
  if (errors.size > 0) throw new TaskFailure("can't migrate CT - check log\n");

  // L371-427: `storage_migrate` per local volume (pve-storage src/PVE/Storage.pm L917-1095).
  for (const [volid, { targetSid }] of local) {
    const vol = sim.state.volume(node, volid);
    const sid = volid.split(':')[0];
    const sourceDef = sim.state.requireStorage(sid);
    const targetDef = sim.state.requireStorage(targetSid);
    const volname = volid.slice(sid.length + 1);
    const name = volname.replace(/^\d+\//, '').replace(/\.raw$/, '');
    // The same volume name on a storage of the same type, else `$volname_for_storage` (L828-846).
    const wanted = `${targetSid}:${sourceDef.type === targetDef.type ? volname : isFileStorage(targetDef) ? `${ct.vmid}/${name}.raw` : name}`;
    state.volumes.push(volid);
    let newVolid: string;
    try {
      // Storage.pm L898-903 (`$volume_export_prepare`), AbstractMigrate.pm `get_bwlimit`, Migrate.pm L376-377.
      if (opts.bwlimit !== undefined) log(`using a bandwidth limit of ${opts.bwlimit * 1024} bytes per second for transferring '${volid}'`);
      let name: string | undefined = wanted;
      if (sim.state.volume(targetNode, wanted)) {
        // `volume_import` with `allow_rename` (LVMPlugin.pm L1480-1485, Plugin.pm L2298-2306): the next free name.
        const wantedName = wanted.slice(targetSid.length + 1);
        log(isFileStorage(targetDef) ? `file '${volumePath(targetDef, wantedName)}' already exists - importing with a different name` : `volume pve/${wantedName} already exists - importing with a different name`);
        name = undefined;
      }
      newVolid = allocateDisk(sim, { log: (line) => log(line) }, targetNode, targetSid, ct.vmid, vol?.size ?? 0, name);
    } catch (err) {
      state.volumes.pop();
      throw new TaskFailure(`storage migration for '${volid}' to storage '${targetSid}' failed - ${err instanceof Error ? err.message : String(err)}\n`);
    }
    await ctx.step(1000);
    if (vol) sim.state.addVolume({ ...vol, volid: newVolid, node: targetNode, storage: targetSid, format: 'raw', ctime: sim.nowSeconds(), data: vol.data ? { ...vol.data } : undefined });
    log(`successfully imported '${newVolid}'`);
    state.volumeMap.set(volid, newVolid);
    log(`volume '${volid}' is '${newVolid}' on the target`);
  }
  // L468-473: `update_volume_ids`, then `move_config_to_node`.
  renameVolumes(ct.config, state.volumeMap);
  renameVolumes(ct.pending, state.volumeMap);
  for (const snap of ct.snapshots?.values() ?? []) renameVolumes(snap.config, state.volumeMap);
  ct.node = targetNode;
  state.confMigrated = true;
}

/** Migrate.pm `final_cleanup` L519-564: unlock (and restart) there after success, here after a failure. */
async function finalCleanup(sim: SimContext, ctx: TaskContext, ct: ContainerState, opts: MigrateOptions, state: MigrationState, log: Log): Promise<void> {
  log('start final cleanup');
  const restartHere = opts.restart && state.wasRunning;
  if (!state.confMigrated) {
    const lock = ct.config.get('lock');
    if (lock === 'migrate') ct.config.delete('lock');
    else log(lock ? `found lock '${lock}' trying to remove 'migrate' lock` : "no lock found trying to remove 'migrate' lock", 'err');
    if (restartHere) {
      log('start container on source node');
      await bringUp(sim, ct, ctx);
    }
    return;
  }
  // `pct unlock` over ssh, then `pct start` in restart mode.
  if (ct.config.get('lock') === 'migrate') ct.config.delete('lock');
  if (restartHere) {
    log('start container on target node');
    const ip = `127.0.0.${sim.state.nodes.findIndex((n) => n.name === opts.targetNode) + 1}`;
    const ssh = ['/usr/bin/ssh', '-e', 'none', '-o', 'BatchMode=yes', '-o', `HostKeyAlias=${opts.targetNode}`, '-o', `UserKnownHostsFile=/etc/pve/nodes/${opts.targetNode}/ssh_known_hosts`, '-o', 'GlobalKnownHostsFile=none', `root@${ip}`];
    const cmd = cmdToString([...ssh, 'pct', 'start', String(ct.vmid)]);
    log(`# ${cmd}`);
    try {
      await bringUp(sim, ct, ctx);
    } catch (err) {
      if (err instanceof TaskAborted) throw err;
      // `cmd` logs pct's output; its failure ends final_cleanup (AbstractMigrate.pm L221-225). pct's exit code is not in the sources read.
      log(err instanceof Error ? err.message : String(err));
      log(`command '${cmd}' failed: exit code 255`, 'err');
      state.errors = true;
    }
  }
}
