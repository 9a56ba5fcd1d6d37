import { allowedOperations, type AppDto, type OperationType } from '@proxdeck/shared-contracts';

/** What a person can do to an app from its page. */
export type AppAction = Extract<
  OperationType,
  'start' | 'stop' | 'restart' | 'delete' | 'clone' | 'configure' | 'backup' | 'restore' | 'update' | 'rollback'
>;

type ActionFacts = Pick<AppDto, 'status' | 'activeOperation'>;

/**
 * An action is possible when the app's status allows it (the same rule the gateway applies) and
 * no other operation is in flight; the gateway stays the judge and answers 409 otherwise.
 */
export function canPerform(app: ActionFacts, action: AppAction): boolean {
  if (app.activeOperation && app.activeOperation.state !== 'succeeded' && app.activeOperation.state !== 'failed') {
    return false;
  }
  return allowedOperations(app.status).includes(action);
}

/** Rollback needs the previous version still kept: only until `rollbackUntil`. */
export function rollbackAvailable(app: Pick<AppDto, 'previousVersion' | 'rollbackUntil'>, now: Date = new Date()): boolean {
  if (!app.previousVersion) return false;
  return !app.rollbackUntil || new Date(app.rollbackUntil).getTime() > now.getTime();
}
