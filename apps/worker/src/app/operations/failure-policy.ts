import { PveError, toUserMessage } from '@proxdeck/server-proxmox';
import { OperationFailure } from '../processors/operation-failure';

/** Worth another attempt: Proxmox was unreachable or busy, or our own infrastructure hiccuped. */
export function isTransient(err: unknown): boolean {
  if (err instanceof OperationFailure) return false;
  if (err instanceof PveError) return err.retryable;
  return true;
}

/** The sentence a person reads as the reason an operation failed. */
export function reasonOf(err: unknown): string {
  if (err instanceof OperationFailure) return err.message;
  if (err instanceof PveError) return toUserMessage(err);
  return `Unexpected error: ${err instanceof Error ? err.message : String(err)}`;
}
