import { toLxcParams } from './container-params';
import { PveError } from './pve-error';
import type { PveParams } from './pve-transport';

/** One path segment; like proxmox-api's `$()`, `/` inside an id becomes %2F (PVE unescapes the path). */
export function seg(value: string | number): string {
  return String(value).replace(/[%/?#\s]/g, (c) => encodeURIComponent(c));
}

/** `/nodes/{node}/lxc/{vmid}`, refusing an impossible VMID before any request. */
export function ctPath(node: string, vmid: number): string {
  assertVmid(vmid);
  return `/nodes/${seg(node)}/lxc/${vmid}`;
}

export function assertVmid(vmid: number): void {
  if (!Number.isInteger(vmid) || vmid < 100 || vmid > 999_999_999) {
    throw invalid(`invalid VMID ${vmid} (expected an integer 100-999999999)`);
  }
}

/** `rootfs` or `mpN`, the disk keys resize and move_volume take. */
export function assertDiskKey(disk: string): void {
  if (!/^(rootfs|mp([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5]))$/.test(disk)) throw invalid(`invalid container disk '${disk}' (expected rootfs or mp0-mp255)`);
}

export function invalid(message: string, cause?: unknown): PveError {
  return new PveError({ kind: 'invalid', retryable: false, pveMessage: message, cause });
}

/** Our own parameter checks fail as `invalid`, like PVE's. */
export function lxcParams(params: Parameters<typeof toLxcParams>[0]): PveParams {
  try {
    return toLxcParams(params);
  } catch (err) {
    throw invalid((err as Error).message, err);
  }
}

/** `/cluster/nextid` answers a JSON string; accept a number too. */
export function toVmid(value: string | number): number {
  const vmid = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(vmid)) {
    throw new PveError({ kind: 'server', retryable: false, pveMessage: `unexpected VMID from /cluster/nextid: ${JSON.stringify(value)}` });
  }
  return vmid;
}
