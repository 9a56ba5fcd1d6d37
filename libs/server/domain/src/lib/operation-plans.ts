import type { OperationStepDto, OperationType } from '@proxdeck/shared-contracts';

/** The named steps of each operation, in order. The worker runs them; the dashboard lists them. */
export const OPERATION_PLANS: Record<OperationType, readonly string[]> = {
  deploy: ['reserve', 'image', 'create', 'start', 'network', 'health'],
  start: ['start', 'network', 'health'],
  stop: ['shutdown'],
  restart: ['reboot', 'network', 'health'],
  delete: ['stop', 'destroy', 'release'],
  // A new app from a running or stopped one: the snapshot step is skipped when the source is stopped.
  clone: ['reserve', 'snapshot', 'clone', 'configure', 'start', 'network', 'health', 'cleanup'],
  // Steps for settings the request leaves alone are skipped; restart only when env changed on a running app.
  configure: ['resources', 'disk', 'env', 'restart'],
  backup: ['backup', 'record', 'prune'],
  // rebuild: a restore that lost the image's raw lxc options (not root@pam) makes the container from the image again.
  restore: ['reserve', 'stop', 'restore', 'rebuild', 'start', 'network', 'health'],
  // Blue/green (ARCHITECTURE.md "update"): the old container stays until the grace period ends.
  update: ['backup', 'image', 'create', 'stop-old', 'move-volumes', 'start', 'network', 'health', 'switch'],
  rollback: ['stop-new', 'move-volumes', 'start-old', 'network', 'health', 'remove-new'],
  adopt: ['inspect', 'mark', 'network', 'health'],
  'backup-delete': ['delete'],
};

export function initialSteps(type: OperationType): OperationStepDto[] {
  return OPERATION_PLANS[type].map((name) => ({ name, state: 'pending', startedAt: null, finishedAt: null }));
}

/** Progress 0-100 from the steps finished so far; a running step counts half. */
export function progressOf(steps: readonly OperationStepDto[]): number {
  if (steps.length === 0) return 0;
  const done = steps.filter((s) => s.state === 'done' || s.state === 'skipped').length;
  const running = steps.some((s) => s.state === 'running') ? 0.5 : 0;
  return Math.min(100, Math.round(((done + running) / steps.length) * 100));
}
