import type { AppDto, OperationDto } from './app';
import type { BackupDto } from './backups';
import type { NodeDto } from './node';

/** Events the worker publishes on Redis and the gateway relays over SSE (`GET /api/v1/events`). */
export type ProxdeckEvent =
  | { type: 'operation.updated'; operation: OperationDto; log?: { level: 'info' | 'warn' | 'error'; message: string; at: string } }
  | { type: 'app.updated'; app: AppDto }
  | { type: 'app.deleted'; appId: string }
  | { type: 'node.updated'; node: NodeDto }
  | { type: 'backup.updated'; backup: BackupDto }
  | { type: 'backup.deleted'; backupId: string };

export type ProxdeckEventType = ProxdeckEvent['type'];

/** Redis pub/sub channel carrying JSON-encoded `ProxdeckEvent`s. */
export const EVENTS_CHANNEL = 'proxdeck:events';
