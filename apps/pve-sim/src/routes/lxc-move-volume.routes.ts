import { ApiError, dieError, paramError } from '../params/api-error';
import { permissionMessage } from '../access/permission-check';
import { parsePropertyString } from '../params/property-string';
import type { SimContext } from '../sim-context';
import { containerDigest } from '../state/container-pending';
import type { ContainerState } from '../state/sim-state';
import { addUnused } from '../state/mount-points';
import { boolParam, numParam, strParam } from '../params/param-schema';
import type { RequestContext, RouteDef } from '../http/router';
import { copyOfData, writeVolumeData } from '../state/container-data';
import { allocateDisk, diskEntries, diskValue, type DiskEntry } from '../state/container-disks';
import { FlockTimeout } from '../tasks/config-flock';
import { TaskAborted, TaskFailure, type TaskContext } from '../tasks/task-runner';
import { assertDigest, assertNotLocked, target, VMID_SCHEMA } from './route-helpers';

/** `valid_volume_keys_with_unused` (src/PVE/LXC/Config.pm), an enum in the schema. */
const VOLUME_KEYS = ['rootfs', ...Array.from({ length: 256 }, (_, i) => `mp${i}`), ...Array.from({ length: 256 }, (_, i) => `unused${i}`)];

const MISSING = 'property is missing and it is not optional';

/**
 * `POST /nodes/{node}/lxc/{vmid}/move_volume`: to another storage (see moveToStorage), or with
 * `target-vmid` to another CT (see reassignVolume). Task `move_volume`.
 */
export const lxcMoveVolumeRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/nodes/{node}/lxc/{vmid}/move_volume',
    schema: {
      volume: { type: 'string', enum: VOLUME_KEYS },
      storage: { type: 'string', optional: true, format: 'pve-storage-id' },
      'target-vmid': { ...VMID_SCHEMA, optional: true },
      'target-volume': { type: 'string', optional: true, enum: VOLUME_KEYS },
      delete: { type: 'boolean', optional: true },
      digest: { type: 'string', optional: true, maxLength: 40 },
      'target-digest': { type: 'string', optional: true, maxLength: 40 },
      bwlimit: { type: 'number', optional: true, minimum: 0 },
    },
    handler: async ({ params, sim, auth }) => {
      const { node, vmid } = target(params);
      const storage = strParam(params, 'storage');
      const targetVmid = numParam(params, 'target-vmid');
      // src/PVE/API2/LXC.pm L2589-2590 (a plain die) and L2910-2912.
      if (storage !== undefined && targetVmid !== undefined) throw dieError('either set storage or target-vmid, but not both');
      if (storage === undefined && targetVmid === undefined) {
        const missing = "both 'storage' and 'target-vmid' missing, either needs to be set";
        throw paramError({ 'target-vmid': missing, storage: missing });
      }
      const key = strParam(params, 'volume') ?? '';
      if (targetVmid !== undefined) return reassignVolume({ params, sim, auth }, node, vmid, key, targetVmid);

      return moveToStorage({ params, sim, auth }, node, vmid, key, storage ?? '');
    },
  },
];

/** The checks of `$load_and_check_reassign_configs` (src/PVE/API2/LXC.pm L2723-2796), in order; plain dies (500). */
function reassignChecks(sim: SimContext, node: string, vmid: number, key: string, targetVmid: number, targetKey: string, digests: { source?: string; target?: string }) {
  if (key === 'rootfs' || targetKey === 'rootfs') throw dieError("Cannot move to/from 'rootfs'");
  if (/^unused\d+$/.test(key) && !/^unused\d+$/.test(targetKey)) throw dieError('Moving an unused volume to a used one is not possible');
  const ct = sim.state.containers.get(vmid);
  if (!ct) throw dieError(`could not find CT ${vmid}`);
  const dest = sim.state.containers.get(targetVmid);
  if (!dest) throw dieError(`could not find CT ${targetVmid}`);
  if (ct.node !== dest.node) throw dieError(`Both containers need to be on the same node (${ct.node} != ${dest.node})`);
  const lockOf = (c: ContainerState) => c.config.get('lock');
  if (lockOf(ct)) throw dieError(`CT is locked (${lockOf(ct) ?? ''})`);
  if (dest !== ct && lockOf(dest)) throw dieError(`CT is locked (${lockOf(dest) ?? ''})`);
  if (ct.config.get('template') === '1' || dest.config.get('template') === '1') throw dieError("Can't move volumes from or to template CT");
  if (digests.source && digests.source !== containerDigest(ct)) throw dieError(`Container ${vmid}: detected modified configuration - file changed by other user? Try again.`);
  if (digests.target && digests.target !== containerDigest(dest)) throw dieError(`Container ${targetVmid}: detected modified configuration - file changed by other user? Try again.`);
  const value = ct.config.get(key);
  if (value === undefined) throw dieError(`volume '${key}' for container '${vmid}' does not exist`);
  if (dest.config.has(targetKey)) throw dieError(`Target volume key '${targetKey}' is already in use for container '${targetVmid}'`);
  const volid = /^unused\d+$/.test(key) ? value : (parsePropertyString(value, 'volume').get('volume') ?? '');
  if ([...(ct.snapshots?.values() ?? [])].some((snap) => [...snap.config.values()].some((v) => v === volid || v.startsWith(`${volid},`)))) {
    throw dieError('Cannot move volume used by a snapshot to another container');
  }
  if (volid.startsWith('/')) throw dieError('Cannot move a bindmount or device mount to another container');
  if (ct.status === 'running' && !/^unused\d+$/.test(key)) throw dieError('Cannot move in-use volume while the source CT is running - detach or shutdown first');
  return { ct, dest, volid };
}

/**
 * `move_volume` with `target-vmid` (src/PVE/API2/LXC.pm L2723-2898): no `lock` on either CT, the
 * target may run (the mount point is hot-plugged) and may be the same CT; task id
 * `<vmid>-<volume>><target>-<target-volume>`. The volume gets the target's next free name, the
 * source's key is deleted (no `unusedN`), the target's key holds it with the source's options.
 */
function reassignVolume({ params, sim, auth }: RequestContext, node: string, vmid: number, key: string, targetVmid: number): string {
  const targetKey = strParam(params, 'target-volume') ?? key;
  const digests = { source: strParam(params, 'digest'), target: strParam(params, 'target-digest') };
  if (auth.fullUser !== 'root@pam' && !sim.access.has(auth.fullUser, `/vms/${targetVmid}`, ['VM.Config.Disk'], false)) {
    throw new ApiError(403, permissionMessage(`/vms/${targetVmid}, VM.Config.Disk`));
  }
  const { volid } = reassignChecks(sim, node, vmid, key, targetVmid, targetKey, digests);
  const storeid = volid.split(':')[0];
  if (!sim.access.has(auth.fullUser, `/storage/${storeid}`, ['Datastore.AllocateSpace'], false)) {
    throw new ApiError(403, permissionMessage(`/storage/${storeid}, Datastore.AllocateSpace`));
  }
  return sim.tasks.start({
    node,
    type: 'move_volume',
    id: `${vmid}-${key}>${targetVmid}-${targetKey}`,
    user: auth.fullUser,
    vmid,
    flock: vmid,
    work: async (ctx) => {
      const { ct, dest } = (() => {
        try {
          return reassignChecks(sim, node, vmid, key, targetVmid, targetKey, digests);
        } catch (err) {
          throw new TaskFailure(err instanceof Error ? err.message : String(err));
        }
      })();
      ctx.log(`moving volume '${key}' from container '${vmid}' to '${targetVmid}'`);
      await ctx.step(500);
      const vol = sim.state.volume(node, volid);
      if (!vol) throw new TaskFailure(`volume '${volid}' does not exist`);
      const newVolid = sim.state.nextDiskName(node, vol.storage, targetVmid);
      sim.state.removeVolume(node, vol.volid);
      sim.state.addVolume({ ...vol, volid: newVolid, vmid: targetVmid });
      const disk = diskEntries(ct.config).find((d) => d.key === key);
      ctx.log(`removing volume '${key}' from container '${vmid}' config`);
      ct.config.delete(key);
      dest.config.set(targetKey, /^unused\d+$/.test(targetKey) || !disk ? newVolid : diskValue(newVolid, disk.size, disk.options));
      ctx.log(`target container '${targetVmid}' updated with '${targetKey}'`);
    },
  }).upid;
}

/** `is_volume_in_use_by_snapshots` (src/PVE/LXC/Config.pm L1922-1932). */
function usedBySnapshots(ct: ContainerState, volid: string): boolean {
  return [...(ct.snapshots?.values() ?? [])].some((snap) => [...snap.config.values()].some((v) => v === volid || v.startsWith(`${volid},`)));
}

/**
 * `move_volume` to a storage (src/PVE/API2/LXC.pm L2594-2721, L2899-2909): `$move_to_storage_checks`
 * under the config flock (lock, running, `unusedN`, an unset key's `format error`, `delete` of a
 * volume a snapshot uses, digest), then `lock: disk` and the task (id = vmid). No storage check
 * before it: `copy_volume` allocates on the storage (`alloc_disk`: it must exist and hold `rootdir`),
 * at the volume's own size; a template's copy becomes a base volume. The old volume stays as
 * `unusedN`, or is freed with `delete=1`.
 */
async function moveToStorage({ params, sim, auth }: RequestContext, node: string, vmid: number, key: string, storage: string): Promise<string> {
  const release = await sim.tasks.flocks.acquire(vmid, 10_000).catch((err: unknown) => {
    throw err instanceof FlockTimeout ? dieError(err.message) : err;
  });
  let ct: ContainerState;
  let disk: DiskEntry;
  try {
    ct = sim.state.requireContainer(node, vmid);
    assertNotLocked(ct);
    if (ct.status === 'running') throw dieError('cannot move volumes of a running container');
    if (/^unused\d+$/.test(key)) throw dieError(`cannot move volume '${key}', only configured volumes can be moved to another storage`);
    const found = diskEntries(ct.config).find((d) => d.key === key);
    // `parse_volume` of an unset key parses '' (Config.pm L1450-1460): the required keys are missing.
    if (!found) throw new ApiError(500, 'format error', key === 'rootfs' ? { volume: MISSING } : { mp: MISSING, volume: MISSING });
    disk = found;
    if (boolParam(params, 'delete') && usedBySnapshots(ct, disk.volid)) throw dieError("you can't move a volume with snapshots and delete the source");
    assertDigest(ct, strParam(params, 'digest'));
    ct.config.set('lock', 'disk');
  } finally {
    release();
  }
  const source = ct;
  const moved = disk;
  return sim.tasks.start({
    node,
    type: 'move_volume',
    id: String(vmid),
    user: auth.fullUser,
    vmid,
    work: async (ctx) => {
      let newVolid: string | undefined;
      try {
        const vol = sim.state.volume(node, moved.volid);
        const size = vol?.size ?? moved.size;
        // src/PVE/LXC.pm `copy_volume` L3369-3417, `alloc_disk` L2581-2625.
        if (!sim.state.requireStorage(storage).content.includes('rootdir')) {
          throw new TaskFailure(`content type 'rootdir' is not available or configured on storage '${storage}'`);
        }
        newVolid = allocateDisk(sim, ctx, node, storage, vmid, size);
        await ctx.step(1500);
        // The CT is stopped (checked above), so the data copied now is what the app last wrote.
        writeVolumeData(sim, node, newVolid, copyOfData(vol));
        if (source.config.get('template') === '1') newVolid = createBase(sim, ctx, node, newVolid);
        source.config.set(key, diskValue(newVolid, size, moved.options));
        if (!boolParam(params, 'delete')) addUnused(source.config, moved.volid);
      } catch (err) {
        if (newVolid !== undefined) sim.state.removeVolume(node, newVolid);
        if (source.config.get('lock') === 'disk') source.config.delete('lock');
        if (err instanceof TaskFailure || err instanceof TaskAborted) throw err;
        throw new TaskFailure(err instanceof Error ? err.message : String(err));
      }
      if (boolParam(params, 'delete')) {
        sim.state.removeVolume(node, moved.volid);
        if (sim.state.storage(moved.volid.split(':')[0])?.type === 'lvmthin') ctx.log(`  Logical volume "${moved.volid.split(':')[1]}" successfully removed.`);
      }
      if (source.config.get('lock') === 'disk') source.config.delete('lock');
    },
  }).upid;
}

/**
 * `vdisk_create_base` of a template's new volume: lvmthin renames `vm-` to `base-` and makes the LV
 * read-only (pve-storage src/PVE/Storage/LvmThinPlugin.pm `create_base` L320-357), a file storage renames the
 * file (src/PVE/Storage/Plugin.pm L903-937).
 */
function createBase(sim: SimContext, ctx: TaskContext, node: string, volid: string): string {
  const baseVolid = volid.replace(/(:(?:\d+\/)?)vm-(\d+-disk-\d+)/, '$1base-$2');
  const vol = sim.state.volume(node, volid);
  if (!vol || baseVolid === volid) return volid;
  if (sim.state.storage(vol.storage)?.type === 'lvmthin') {
    ctx.log(`  Renamed "${volid.split(':')[1]}" to "${baseVolid.split(':')[1]}" in volume group "pve"`);
    ctx.log(`  Logical volume pve/${baseVolid.split(':')[1]} changed.`);
  }
  sim.state.removeVolume(node, volid);
  sim.state.addVolume({ ...vol, volid: baseVolid });
  return baseVolid;
}
