import { permissionMessage } from '../access/permission-check';
import { ApiError, dieError } from '../params/api-error';
import { boolParam, numParam, strParam } from '../params/param-schema';
import { parsePropertyString, printPropertyString } from '../params/property-string';
import type { RouteDef } from '../http/router';
import type { SimContext } from '../sim-context';
import { randomHwaddr, type ConfigMap } from '../state/container-config';
import { copyOfData, writeVolumeData } from '../state/container-data';
import { allocateDisk, diskEntries, diskValue, type DiskEntry } from '../state/container-disks';
import type { ContainerState } from '../state/sim-state';
import { FlockTimeout } from '../tasks/config-flock';
import { TaskAborted, TaskFailure, TaskInterrupted } from '../tasks/task-runner';
import { assertNotLocked, target, VMID_SCHEMA } from './route-helpers';

/**
 * `POST /nodes/{node}/lxc/{vmid}/clone` (`clone_vm`, pve-container src/PVE/API2/LXC.pm L1889-2303):
 * the source gets `lock: disk` and the new CT its whole config (no disks yet, `lock: create`)
 * before the UPID is returned; the `vzclone` task (id = source) adds the disks one by one, then
 * drops both locks and, with `target`, hands the config to that node.
 */
export const lxcCloneRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/nodes/{node}/lxc/{vmid}/clone',
    schema: {
      newid: VMID_SCHEMA,
      hostname: { type: 'string', optional: true, format: 'dns-name' },
      description: { type: 'string', optional: true, maxLength: 8192 },
      pool: { type: 'string', optional: true },
      snapname: { type: 'string', optional: true, format: 'pve-configid', maxLength: 40 },
      storage: { type: 'string', optional: true, format: 'pve-storage-id' },
      full: { type: 'boolean', optional: true },
      target: { type: 'string', optional: true, format: 'pve-node' },
      bwlimit: { type: 'number', optional: true, minimum: 0 },
    },
    handler: async ({ params, sim, auth }) => {
      const { node, vmid } = target(params);
      const newid = numParam(params, 'newid') ?? 0;
      const pool = strParam(params, 'pool');
      // L1986-1989 `check_pool_exist`: the sim has no pools, so every pool is refused (403).
      if (pool !== undefined) throw new ApiError(403, permissionMessage(`pool '${pool}' does not exist`));
      const snapname = strParam(params, 'snapname');
      const storage = strParam(params, 'storage');
      // L1995-1997: the local node (or `localhost`) as target is no target.
      let targetNode = strParam(params, 'target');
      if (targetNode === node || targetNode === 'localhost') targetNode = undefined;
      if (targetNode !== undefined && !sim.state.node(targetNode)) throw dieError(`no such cluster node '${targetNode}'`);
      // L2001-2011: the storage must exist (no content check: one without `rootdir` fails in the task), and be shared with a target.
      if (storage !== undefined && !sim.state.requireStorage(storage).shared && targetNode !== undefined) {
        throw dieError(`can't clone to non-shared storage '${storage}'`);
      }

      // L2035 `set_lock` (AbstractConfig.pm L351-365) under the source's flock, then L2037-2043
      // `create_and_lock_config` (L254-269: 5 s flock, `check_vmid_unused`); a failure there drops the source lock again.
      const source = await underFlock(sim, vmid, 10_000, () => {
        const ct = sim.state.requireContainer(node, vmid);
        assertNotLocked(ct);
        ct.config.set('lock', 'disk');
        return ct;
      });
      const dropSourceLock = (): void => {
        if (source.config.get('lock') === 'disk') source.config.delete('lock');
      };
      let clone: ContainerState;
      try {
        clone = await underFlock(sim, newid, 5_000, () => {
          const existing = sim.state.containers.get(newid);
          if (existing) throw dieError(`CT ${newid} already exists on node '${existing.node}'`);
          const ct: ContainerState = { vmid: newid, node, config: new Map([['lock', 'create']]), status: 'stopped', createdAtMs: sim.nowMs() };
          sim.state.containers.set(newid, ct);
          return ct;
        });
      } catch (err) {
        dropSourceLock();
        throw err;
      }

      let plan: ClonePlan;
      try {
        plan = planClone(sim, auth.fullUser, source, { newid, snapname, storage, targetNode, full: params['full'] === undefined ? undefined : boolParam(params, 'full') });
        const conf = plan.config;
        // L2136-2137: only non-empty values replace the copied ones.
        const hostname = strParam(params, 'hostname');
        if (hostname) conf.set('hostname', hostname);
        const description = strParam(params, 'description');
        if (description) conf.set('description', description);
        clone.config = conf;
      } catch (err) {
        // L2146-2162: the source lock goes, the new config is destroyed.
        dropSourceLock();
        if (sim.state.containers.get(newid) === clone) sim.state.containers.delete(newid);
        throw err;
      }

      return sim.tasks.start({
        node,
        type: 'vzclone',
        id: String(vmid),
        user: auth.fullUser,
        vmid,
        work: async (ctx) => {
          ctx.log(`creating a clone of container ${vmid} with ID ${newid}`);
          const allocated: string[] = [];
          // `$lock_and_reload` (L2021-2033, `$update_conf` L2164-2175) before every write to the new config.
          const reloadClone = (): ContainerState => {
            const ct = sim.state.containers.get(newid);
            if (!ct) throw new TaskFailure(`Configuration file 'nodes/${node}/lxc/${newid}.conf' does not exist`);
            if (ct.config.get('lock') !== 'create') throw new TaskFailure("Lost 'create' config lock, aborting.");
            return ct;
          };
          try {
            // L2196-2225: full copies go through `copy_volume` (the volume's own size), linked ones through `vdisk_clone`.
            for (const disk of plan.mountpoints) {
              const vol = sim.state.volume(node, disk.volid);
              let size = disk.size;
              let toStorage = disk.volid.split(':')[0];
              if (plan.full) {
                ctx.log(`create full clone of mountpoint ${disk.key} (${disk.volid})`);
                toStorage = storage ?? toStorage;
                size = vol?.size ?? disk.size;
                // src/PVE/LXC.pm `alloc_disk` L2587-2612.
                if (!sim.state.requireStorage(toStorage).content.includes('rootdir')) {
                  throw new TaskFailure(`content type 'rootdir' is not available or configured on storage '${toStorage}'`);
                }
              } else {
                ctx.log(`create linked clone of mount point ${disk.key} (${disk.volid})`);
              }
              const volid = allocateDisk(sim, ctx, node, toStorage, newid, size);
              allocated.push(volid);
              writeVolumeData(sim, node, volid, copyOfData(vol));
              await ctx.step(500);
              reloadClone().config.set(disk.key, diskValue(volid, size, disk.options));
            }
            reloadClone().image = source.image;
          } catch (err) {
            if (err instanceof TaskAborted) throw err;
            // L2254-2280: unlock the source in any case, free the new volumes, destroy the new config.
            dropSourceLock();
            for (const volid of allocated) sim.state.removeVolume(node, volid);
            if (sim.state.containers.get(newid) === clone) sim.state.containers.delete(newid);
            // L2187-2188: an interrupt inside the copy is `interrupted by signal`.
            const message = err instanceof TaskInterrupted ? 'interrupted by signal' : err instanceof Error ? err.message.replace(/\n$/, '') : String(err);
            throw new TaskFailure(`clone failed: ${message}`);
          }
          dropSourceLock();
          // L2283-2299: the `create` lock goes; `move_config_to_node` hands the finished copy to the target.
          const done = reloadClone();
          done.config.delete('lock');
          if (plan.targetNode !== undefined) done.node = plan.targetNode;
        },
      }).upid;
    },
  },
];

interface ClonePlan {
  config: ConfigMap;
  mountpoints: DiskEntry[];
  full: boolean;
  targetNode?: string;
}

/**
 * The checks and the new config of L2045-2144, after both locks are held (a failure here drops
 * them): `storage` only for full clones, the snapshot, per volume (keys in sorted order)
 * `Datastore.AllocateSpace` on the storage it will land on, a running CT fully cloned only from a
 * snapshot, the linked-clone feature; every `netN` a new MAC; no `unusedN`, snapshot keys,
 * pending changes or `template`; then the shared-storage rule for a `target`.
 */
function planClone(
  sim: SimContext,
  user: string,
  source: ContainerState,
  opts: { newid: number; snapname?: string; storage?: string; targetNode?: string; full?: boolean },
): ClonePlan {
  const { snapname, storage, targetNode } = opts;
  const running = source.status === 'running';
  const full = opts.full ?? source.config.get('template') !== '1';
  if (storage !== undefined && !full) throw dieError("parameter 'storage' not allowed for linked clones");
  const snap = snapname ? source.snapshots?.get(snapname) : undefined;
  if (snapname && !snap) throw dieError(`snapshot '${snapname}' does not exist`);
  const srcConf = snap ? snap.config : source.config;
  const disks = new Map(diskEntries(srcConf).map((d) => [d.key, d]));

  const config: ConfigMap = new Map();
  // The snapshot section carries the snapshot's description (AbstractConfig.pm L778); the sim keeps it apart.
  if (snap?.description) config.set('description', snap.description);
  const mountpoints: DiskEntry[] = [];
  let sharedVm = true;
  for (const key of [...srcConf.keys()].sort()) {
    if (/^unused\d+$/.test(key)) continue;
    const value = srcConf.get(key) ?? '';
    const disk = disks.get(key);
    if (disk) {
      const sid = storage ?? disk.volid.split(':')[0];
      if (!sim.state.isShared(sid)) sharedVm = false;
      if (!sim.access.has(user, `/storage/${sid}`, ['Datastore.AllocateSpace'], false)) {
        throw new ApiError(403, permissionMessage(`/storage/${sid}, Datastore.AllocateSpace`));
      }
      if (full) {
        if (running && snapname === undefined) throw dieError('Full clone of a running container is only possible from a snapshot');
      } else if (!hasLinkedCloneFeature(sim, disk.volid, snapname)) {
        throw dieError(`Linked clone feature for '${disk.volid}' is not available`);
      }
      mountpoints.push(disk);
    } else if (/^net\d+$/.test(key)) {
      // L2111-2118: a new MAC always (`parse_lxc_network` also sets `type=veth`); printed name first, then sorted (JSONSchema.pm L2779-2880).
      const net = parsePropertyString(value);
      net.set('hwaddr', randomHwaddr());
      net.set('type', 'veth');
      config.set(key, printPropertyString(net, undefined, ['name']));
    } else {
      config.set(key, value);
    }
  }
  if (targetNode !== undefined && !sharedVm) throw dieError(`can't clone CT to node '${targetNode}' (CT uses local storage)`);
  config.set('lock', 'create');
  for (const key of ['snapshots', 'parent', 'snaptime', 'snapstate', 'pending', 'template']) config.delete(key);
  // `foreach keys %$mountpoints` is hash order in Perl; the sim copies rootfs first, then mpN.
  mountpoints.sort((a, b) => (a.key === 'rootfs' ? -1 : b.key === 'rootfs' ? 1 : a.key.localeCompare(b.key, 'en', { numeric: true })));
  return { config, mountpoints, full, targetNode };
}

/**
 * `volume_has_feature('clone', ..., {valid_target_formats => ['raw', 'subvol']})`: lvmthin clones
 * a base volume or a snapshot (pve-storage src/PVE/Storage/LvmThinPlugin.pm L408-431); dir/NFS
 * clones only into qcow2, which a CT cannot use (src/PVE/Storage/Plugin.pm L1603-1609).
 */
function hasLinkedCloneFeature(sim: SimContext, volid: string, snapname: string | undefined): boolean {
  const def = sim.state.storage(volid.split(':')[0]);
  if (def?.type !== 'lvmthin') return false;
  return snapname !== undefined || /:base-\d+-disk-\d+$/.test(volid);
}

/** Runs `fn` holding the CT's config flock, like `lock_config_full` (500 `can't lock file ... - got timeout`). */
async function underFlock<T>(sim: SimContext, vmid: number, timeoutMs: number, fn: () => T): Promise<T> {
  const release = await sim.tasks.flocks.acquire(vmid, timeoutMs).catch((err: unknown) => {
    throw err instanceof FlockTimeout ? dieError(err.message) : err;
  });
  try {
    return fn();
  } finally {
    release();
  }
}
