import { classifyPveError, pveErrorCode, toUserMessage } from '@proxdeck/server-proxmox';
import { DomainError } from '../problem/domain-error';

/** A failed Proxmox read during a request: 503 PROXMOX_UNREACHABLE when it did not answer, else 502 PROXMOX_ERROR. */
export function proxmoxProblem(err: unknown): DomainError {
  const pve = classifyPveError(err);
  const code = pveErrorCode(pve);
  return new DomainError(code, code === 'PROXMOX_UNREACHABLE' ? 503 : 502, toUserMessage(pve));
}
