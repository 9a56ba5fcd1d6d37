import type { OperationDto, OperationState } from '@proxdeck/shared-contracts';

/** Where a state lies on an operation's one-way path: queued → running → succeeded | failed. */
const STAGE: Record<OperationState, number> = { queued: 0, running: 1, succeeded: 2, failed: 2 };

function stepsDone(operation: OperationDto): number {
  return operation.steps.filter((step) => step.state === 'done' || step.state === 'skipped').length;
}

/**
 * Whether `incoming` is an older snapshot of `current`. The console hears of an operation both from
 * HTTP answers and from events, and an answer read before the operation ended can arrive after the
 * event saying it ended: shown as is, the operation would seem to run forever. Operations only move
 * forward (no state goes back, a finished step stays finished, also across retries), so a snapshot
 * behind on either is older. Equal ones are taken: the newer copy of the same point.
 */
export function isOlderSnapshot(incoming: OperationDto, current: OperationDto | undefined): boolean {
  if (!current) return false;
  if (STAGE[incoming.state] !== STAGE[current.state]) return STAGE[incoming.state] < STAGE[current.state];
  return stepsDone(incoming) < stepsDone(current);
}
