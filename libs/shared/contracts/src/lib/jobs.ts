import type { OperationType } from './app';

/** One BullMQ queue carries every app operation; the job name is the operation type. */
export const OPERATIONS_QUEUE = 'operations';

/** Every operation job carries only ids: the worker reads the rest from the database. */
export interface OperationJobPayload {
  operationId: string;
  appId: string;
}

export type JobOf<N extends OperationType> = { name: N; data: OperationJobPayload };

/**
 * The second queue: work Proxdeck starts by itself on a clock (BullMQ job schedulers, kept in
 * Redis, so they survive restarts). Each job starts operations or reads Proxmox; it never runs
 * an operation's steps itself.
 */
export const SCHEDULES_QUEUE = 'schedules';

export const SCHEDULED_JOB_NAMES = [
  /** Brings app status in line with `/cluster/resources`, fails stuck operations, reports orphans. */
  'reconcile',
  /** An app's backup schedule fired: start a `backup` operation (kind `scheduled`). */
  'scheduled-backup',
  /** Looks for newer versions of every app whose policy checks for updates. */
  'update-check',
  /** Removes old containers kept for rollback once their grace period is over. */
  'retire-previous',
] as const;
export type ScheduledJobName = (typeof SCHEDULED_JOB_NAMES)[number];

export interface ScheduledJobPayload {
  /** For per-app schedules (`scheduled-backup`). */
  appId?: string;
}
