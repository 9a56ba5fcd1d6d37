import { dieError } from '../params/api-error';
import { numParam, strParam, type Params } from '../params/param-schema';
import { containerDigest } from '../state/container-pending';
import type { ContainerState } from '../state/sim-state';

export function target(params: Params): { node: string; vmid: number } {
  return { node: strParam(params, 'node') ?? '', vmid: numParam(params, 'vmid') ?? 0 };
}

/** `check_lock`: 500 `CT is locked (<lock>)`. */
export function assertNotLocked(ct: ContainerState): void {
  const lock = ct.config.get('lock');
  if (lock) throw dieError(`CT is locked (${lock})`);
}

/** `assert_if_modified`: skipped for an empty digest. */
export function assertDigest(ct: ContainerState, digest: string | undefined): void {
  if (digest && digest !== containerDigest(ct)) throw dieError('detected modified configuration - file changed by other user? Try again.');
}

export const VMID_SCHEMA = { type: 'integer', format: 'pve-vmid', minimum: 100, maximum: 999999999 } as const;
