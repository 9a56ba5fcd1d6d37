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

/** Error codes of a PostgreSQL server that is gone, restarting or refusing connections (SQLSTATE class 08, 57P0x) and of the socket to it. */
const OUTAGE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', '08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03']);
const OUTAGE_MESSAGES = /Connection terminated|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|Client has encountered a connection error|Connection is closed|timeout exceeded when trying to connect/i;

/**
 * Whether `err` says the database is unreachable, rather than anything about the operation: the
 * operation is then waited out, not failed (its state cannot even be written). Looks through
 * TypeORM's `driverError` and `cause` chains.
 */
export function isDatabaseOutage(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const { code, message, driverError, cause } = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof code === 'string' && OUTAGE_CODES.has(code)) return true;
    if (typeof message === 'string' && OUTAGE_MESSAGES.test(message)) return true;
    e = driverError ?? cause;
  }
  return false;
}
