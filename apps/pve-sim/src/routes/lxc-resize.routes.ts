import { permissionMessage } from '../access/permission-check';
import { isRoot } from '../access/root-only';
import type { AuthInfo } from '../auth/authenticate';
import { ApiError, dieError } from '../params/api-error';
import { strParam } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import type { SimContext } from '../sim-context';
import { diskEntries, diskValue, type DiskEntry } from '../state/container-disks';
import type { ContainerState } from '../state/sim-state';
import { isFileStorage, volumePath, type StorageDefinition, type VolumeState } from '../state/storage-model';
import { TaskFailure } from '../tasks/task-runner';
import { assertDigest, assertNotLocked, target, startContainerTask } from './route-helpers';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
/** The `pve` VG's physical extent (4 MiB): an LV grows in whole extents. */
const EXTENT = 4 * MiB;

/** `valid_volume_keys` (src/PVE/LXC/Config.pm L1979-1989, `$MAX_MOUNT_POINTS` 256, L37). */
const DISK_KEYS = ['rootfs', ...Array.from({ length: 256 }, (_, i) => `mp${i}`)];

const MISSING = 'property is missing and it is not optional';

/** pve-common `src/PVE/JSONSchema.pm` `parse_size` L1022-1039: no unit is bytes, the result truncated. */
function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([KMGT](?:iB)?)?$/.exec(text);
  if (!m) return undefined;
  const exp = m[2] ? { K: 1, M: 2, G: 3, T: 4 }[m[2][0] as 'K' | 'M' | 'G' | 'T'] : 0;
  return Math.trunc(Number(m[1]) * 1024 ** exp);
}

/** lvm2's size display (`4.00 GiB`, `512.00 MiB`). */
const lvmSize = (bytes: number): string => (bytes >= GiB ? `${(bytes / GiB).toFixed(2)} GiB` : `${(bytes / MiB).toFixed(2)} MiB`);

interface ResizePlan {
  ct: ContainerState;
  disk: DiskEntry;
  def: StorageDefinition;
  vol: VolumeState;
  newSize: number;
}

/**
 * `$load_and_check` (pve-container src/PVE/API2/LXC.pm L2368-2407), run before the task and again
 * in it under the config lock: config, lock, config permission, digest, the disk's volume, its
 * storage permission, the volume's current size (the volume's, not the config's), shrink/same size.
 */
function loadAndCheck(sim: SimContext, auth: AuthInfo, node: string, vmid: number, key: string, size: { relative: boolean; bytes: number }, digest: string | undefined): ResizePlan {
  const ct = sim.state.requireContainer(node, vmid);
  assertNotLocked(ct);
  // `check_ct_modify_config_perm` with the remaining parameters: `disk` is no config key, so it
  // falls to VM.Config.Options (src/PVE/LXC.pm L1655-1756, L1744); root@pam skips it.
  if (!isRoot(auth) && !sim.access.has(auth.fullUser, `/vms/${vmid}`, ['VM.Config.Options'], false)) {
    throw new ApiError(403, permissionMessage(`/vms/${vmid}, VM.Config.Options`));
  }
  assertDigest(ct, digest);
  const disk = diskEntries(ct.config).find((d) => d.key === key);
  // `parse_volume` of an unset key parses '' (Config.pm L1450-1460): the required keys are missing.
  if (!disk) throw new ApiError(500, 'format error', key === 'rootfs' ? { volume: MISSING } : { mp: MISSING, volume: MISSING });
  const storeid = disk.volid.split(':')[0];
  const def = sim.state.requireStorage(storeid);
  if (!sim.access.has(auth.fullUser, `/storage/${storeid}`, ['Datastore.AllocateSpace'], false)) {
    throw new ApiError(403, permissionMessage(`/storage/${storeid}, Datastore.AllocateSpace`));
  }
  const vol = sim.state.volume(node, disk.volid);
  if (!vol) {
    // `activate_volumes`: pve-storage src/PVE/Storage/Plugin.pm L2049-2060, LvmThinPlugin.pm L242-259.
    throw dieError(isFileStorage(def) ? `volume '${disk.volid}' does not exist` : `no such logical volume pve/${disk.volid.split(':')[1]}`);
  }
  const newSize = Math.trunc(size.relative ? vol.size + size.bytes : size.bytes);
  if (newSize < vol.size) throw dieError('unable to shrink disk size');
  if (newSize === vol.size) throw dieError('disk is already at specified size');
  return { ct, disk, def, vol, newSize };
}

/** A check failing inside the worker: the exception's text, `403 ` first for a permission one (pve-common Exception.pm `stringify` L98-116). */
function inTask<T>(check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const prefix = err.code === 403 ? '403 ' : '';
    const fields = Object.entries(err.errors ?? {}).map(([k, v]) => `${k}: ${v}\n`);
    throw new TaskFailure(`${prefix}${err.message}${fields.join('')}`);
  }
}

/** `PUT /nodes/{node}/lxc/{vmid}/resize` (`resize_vm`, src/PVE/API2/LXC.pm L2306-2477): early checks sync, then the `resize` task. */
export const lxcResizeRoutes: RouteDef[] = [
  {
    method: 'PUT',
    path: '/nodes/{node}/lxc/{vmid}/resize',
    schema: {
      disk: { type: 'string', enum: DISK_KEYS },
      size: { type: 'string', pattern: /^\+?\d+(\.\d+)?[KMGT]?$/ },
      digest: { type: 'string', optional: true, maxLength: 40 },
    },
    handler: ({ params, sim, auth }) => {
      const { node, vmid } = target(params);
      const key = strParam(params, 'disk') ?? '';
      const sizeText = strParam(params, 'size') ?? '';
      const digest = strParam(params, 'digest');
      const size = { relative: sizeText.startsWith('+'), bytes: parseSize(sizeText.replace(/^\+/, '')) ?? 0 };
      loadAndCheck(sim, auth, node, vmid, key, size, digest);
      return startContainerTask(sim, auth, node, vmid, 'resize', async (ctx) => {
        // LXC.pm L2409-2410, L2469-2471: the checks again under the lock (a relative size counts from now).
        const { ct, disk, def, vol, newSize } = inTask(() => loadAndCheck(sim, auth, node, vmid, key, size, digest));
        const running = ct.status === 'running';
        const volname = disk.volid.split(':')[1];
        // pve-storage src/PVE/Storage.pm `volume_resize` L395-411 pads to whole KiB; an LV then
        // grows in whole extents (lvextend, LVMPlugin.pm L1060-1088), a raw file to the padded
        // size (qemu-img resize, Plugin.pm L1361-1379). No free-space check: thin LVs and raw
        // files are sparse.
        const padded = Math.ceil(newSize / 1024) * 1024;
        let device: string;
        let deviceSize: number;
        if (isFileStorage(def)) {
          deviceSize = padded;
          ctx.log('Image resized.');
          device = running ? '/dev/loop0' : volumePath(def, volname);
        } else {
          deviceSize = Math.ceil(padded / EXTENT) * EXTENT;
          ctx.log(`  Size of logical volume pve/${volname} changed from ${lvmSize(vol.size)} (${Math.ceil(vol.size / EXTENT)} extents) to ${lvmSize(deviceSize)} (${deviceSize / EXTENT} extents).`);
          ctx.log(`  Logical volume pve/${volname} successfully resized.`);
          device = `/dev/pve/${volname}`;
        }
        await ctx.step(500);
        vol.size = deviceSize;
        // The config records the size asked for (L2424-2427).
        ct.config.set(disk.key, diskValue(disk.volid, newSize, disk.options));
        // Then the filesystem: resize2fs (after e2fsck when stopped), L2429-2466.
        ctx.log('resize2fs 1.47.2 (1-Jan-2025)');
        ctx.log(`The filesystem on ${device} is now ${Math.floor(deviceSize / 4096)} (4k) blocks long.`);
      });
    },
  },
];
