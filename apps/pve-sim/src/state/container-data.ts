import type { SimContext } from '../sim-context';
import { diskEntries } from './container-disks';
import type { VolumeState } from './storage-model';

/**
 * App data that lives on a CT's volumes, like real files: a small key/value store per volume
 * (`VolumeState.data`). A running CT's http ports read and write the store of its first mount
 * point (`mp0`, else the lowest `mpN`), or of its rootfs when it has none. Backups, restores,
 * full clones, volume moves and migrations carry each volume's store with the volume.
 */
export const DATA_KEY_RE = /^[A-Za-z0-9_.-]{1,128}$/;

/** The volume a CT's app writes its data to, or undefined when the CT or that volume is gone. */
export function dataVolume(sim: SimContext, vmid: number): VolumeState | undefined {
  const ct = sim.state.containers.get(vmid);
  if (!ct) return undefined;
  const disks = diskEntries(ct.config);
  const disk = disks.find((d) => d.key !== 'rootfs') ?? disks.find((d) => d.key === 'rootfs');
  return disk ? sim.state.volume(ct.node, disk.volid) : undefined;
}

/** A copy of a volume's store (undefined when it holds nothing), for archives and clones. */
export function copyOfData(volume: VolumeState | undefined): Record<string, string> | undefined {
  return volume?.data && Object.keys(volume.data).length > 0 ? { ...volume.data } : undefined;
}

/** Gives `volid` on `node` a copy of `data` (no-op without data or volume). */
export function writeVolumeData(sim: SimContext, node: string, volid: string, data: Record<string, string> | undefined): void {
  const volume = sim.state.volume(node, volid);
  if (volume && data) volume.data = { ...data };
}
