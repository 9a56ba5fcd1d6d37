import { parseDiskSize, parsePropertyString } from '../params/property-string';
import type { ContainerState } from './sim-state';

const MiB = 1024 ** 2;

/** Rootfs size in bytes (default 4 GiB), from `rootfs: local-lvm:vm-100-disk-0,size=4G`. */
export function rootfsSize(ct: ContainerState): number {
  const rootfs = ct.config.get('rootfs');
  if (rootfs) {
    try {
      const size = parsePropertyString(rootfs, 'volume').get('size');
      const bytes = size ? parseDiskSize(size) : undefined;
      if (bytes !== undefined) return bytes;
    } catch {
      // fall through to the default
    }
  }
  return 4 * 1024 ** 3;
}

/** Deterministic "usage" numbers for a running CT, so views do not flicker between calls. */
function usage(ct: ContainerState, now: number): { uptime: number; cpu: number; memFraction: number; diskFraction: number; net: number } {
  const uptime = ct.status === 'running' && ct.startedAt !== undefined ? Math.max(0, now - ct.startedAt) : 0;
  const seed = (ct.vmid * 2654435761) % 1000;
  return { uptime, cpu: ct.status === 'running' ? 0.002 + (seed % 50) / 10000 : 0, memFraction: 0.08 + (seed % 20) / 100, diskFraction: 0.12 + (seed % 30) / 100, net: uptime * 1200 + seed };
}

/** `PVE::LXC::vmstatus` fields for one CT (list items and `status/current`). */
export function containerStatus(ct: ContainerState, now: number): Record<string, unknown> {
  const running = ct.status === 'running';
  const u = usage(ct, now);
  const memory = Number(ct.config.get('memory') ?? 512);
  const swap = Number(ct.config.get('swap') ?? 512);
  const maxdisk = rootfsSize(ct);
  const cores = Number(ct.config.get('cores') ?? 0);
  const out: Record<string, unknown> = {
    vmid: ct.vmid,
    type: 'lxc',
    status: ct.status,
    name: (ct.config.get('hostname') ?? `CT${ct.vmid}`).replace(/\s/g, ''),
    cpus: cores > 0 ? cores : 8,
    cpu: u.cpu,
    maxmem: memory * MiB,
    mem: running ? Math.round(memory * MiB * u.memFraction) : 0,
    maxswap: swap * MiB,
    swap: 0,
    maxdisk,
    disk: running ? Math.round(maxdisk * u.diskFraction) : 0,
    uptime: u.uptime,
    netin: running ? u.net : 0,
    netout: running ? Math.round(u.net / 3) : 0,
    diskread: running ? u.net * 4 : 0,
    diskwrite: running ? u.net * 2 : 0,
  };
  if (running) {
    out['pid'] = ct.pid;
    out['pressurecpusome'] = 0;
    out['pressurecpufull'] = 0;
    out['pressureiosome'] = 0;
    out['pressureiofull'] = 0;
    out['pressurememorysome'] = 0;
    out['pressurememoryfull'] = 0;
  }
  const tags = ct.config.get('tags');
  if (tags) out['tags'] = tags;
  const lock = ct.config.get('lock');
  if (lock) out['lock'] = lock;
  if (ct.config.get('template') === '1') out['template'] = 1;
  return out;
}
