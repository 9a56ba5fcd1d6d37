import type { ErrorCode } from '@proxdeck/shared-contracts';
import { PveError } from './pve-error';

/** The stable API error code for a Proxmox failure (problem+json `code`). */
export function pveErrorCode(err: PveError): ErrorCode {
  return err.kind === 'unreachable' ? 'PROXMOX_UNREACHABLE' : 'PROXMOX_ERROR';
}
