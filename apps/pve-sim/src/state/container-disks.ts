import { formatDiskSize, parseDiskSize, parsePropertyString, printPropertyString } from '../params/property-string';
import type { SimContext } from '../sim-context';
import { TaskFailure, type TaskContext } from '../tasks/task-runner';
import type { ConfigMap } from './container-config';
import { isFileStorage, volumePath } from './storage-model';

/** A disk of a CT config: `rootfs` or `mpN`. */
export interface DiskEntry {
  key: string;
  volid: string;
  size: number;
  options: Map<string, string>;
}

export function isDiskKey(key: string): boolean {
  return key === 'rootfs' || /^mp\d+$/.test(key);
}

export function diskEntries(conf: ConfigMap): DiskEntry[] {
  const out: DiskEntry[] = [];
  for (const [key, value] of conf) {
    if (!isDiskKey(key)) continue;
    try {
      const options = parsePropertyString(value, 'volume');
      const volid = options.get('volume') ?? '';
      const size = parseDiskSize(options.get('size') ?? '') ?? 0;
      options.delete('volume');
      options.delete('size');
      out.push({ key, volid, size, options });
    } catch {
      // A malformed entry is not a disk the sim manages.
    }
  }
  return out.sort((a, b) => (a.key === 'rootfs' ? -1 : b.key === 'rootfs' ? 1 : a.key.localeCompare(b.key, 'en', { numeric: true })));
}

/** A disk PVE cannot snapshot: a raw file on a dir/NFS storage (`volume_has_feature` offers snapshots for qcow2 only). */
export function diskWithoutSnapshots(sim: SimContext, conf: ConfigMap): DiskEntry | undefined {
  return diskEntries(conf).find((d) => {
    const def = sim.state.storage(d.volid.split(':')[0]);
    return def !== undefined && isFileStorage(def);
  });
}

/** The config value for a disk: `local-lvm:vm-100-disk-0,mp=/data,size=4G`. */
export function diskValue(volid: string, size: number, options: Map<string, string>): string {
  const map = new Map<string, string>([['volume', volid], ...options]);
  map.set('size', formatDiskSize(size));
  return printPropertyString(map, 'volume', ['mp']);
}

/** Allocates a new `vm-<vmid>-disk-<n>` volume (or the free `volid` asked for) or fails the task like lvcreate would. */
export function allocateDisk(sim: SimContext, ctx: Pick<TaskContext, 'log'>, node: string, storage: string, vmid: number, size: number, volid = sim.state.nextDiskName(node, storage, vmid)): string {
  const def = sim.state.requireStorage(storage);
  const name = volid.split(':')[1];
  const avail = sim.state.usage(node, def).avail;
  if (size > avail) {
    throw new TaskFailure(`lvcreate 'pve/${name}' error:   Volume group "pve" has insufficient free space (${Math.floor(avail / 4194304)} extents): ${Math.ceil(size / 4194304)} required.`);
  }
  sim.state.addVolume({ volid, node, storage, content: 'rootdir', format: 'raw', size, ctime: sim.nowSeconds(), vmid });
  if (def.type === 'lvmthin') ctx.log(`  Logical volume "${name}" created.`);
  else ctx.log(`Formatting '${volumePath(def, name)}', fmt=raw size=${size} preallocation=off`);
  return volid;
}

/** Frees every volume owned by a CT on its node. */
export function freeContainerVolumes(sim: SimContext, node: string, vmid: number, ctx?: TaskContext): void {
  for (const v of [...sim.state.volumes.values()]) {
    if (!sim.state.visibleOn(v, node) || v.vmid !== vmid || v.content === 'backup') continue;
    sim.state.removeVolume(node, v.volid);
    if (v.storage === 'local-lvm') ctx?.log(`  Logical volume "${v.volid.split(':')[1]}" successfully removed.`);
  }
}
