import { DestroyRef, Injectable, inject } from '@angular/core';
import { EventStream } from '@proxdeck/dashboard-data-access';
import { ToastService } from '@proxdeck/dashboard-ui';
import { isTerminalOperationState, type OperationDto, type OperationType } from '@proxdeck/shared-contracts';

const NOUNS: Record<OperationType, string> = {
  deploy: 'Deploy',
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  delete: 'Delete',
  clone: 'Clone',
  configure: 'Configuration',
  backup: 'Backup',
  restore: 'Restore',
  update: 'Update',
  rollback: 'Rollback',
  adopt: 'Adoption',
  'backup-delete': 'Backup deletion',
};

/** One sentence about a finished operation, e.g. "Backup of web-1 succeeded." */
export function finishedMessage(operation: OperationDto): string {
  const what = `${NOUNS[operation.type]} of ${operation.appHostname}`;
  if (operation.state === 'succeeded') return `${what} succeeded.`;
  return operation.error ? `${what} failed: ${operation.error}` : `${what} failed.`;
}

/**
 * Toasts each operation that finishes while the console is open: success or the reason it failed.
 * Only operations seen running in this session, so a reconnect replaying old ones stays quiet.
 */
@Injectable({ providedIn: 'root' })
export class OperationToasts {
  private readonly toasts = inject(ToastService);
  private readonly inFlight = new Set<string>();
  private readonly announced = new Set<string>();

  constructor() {
    const events = inject(EventStream).events.subscribe((event) => {
      if (event.type === 'operation.updated') this.observe(event.operation);
    });
    inject(DestroyRef).onDestroy(() => events.unsubscribe());
  }

  observe(operation: OperationDto): void {
    if (!isTerminalOperationState(operation.state)) {
      this.inFlight.add(operation.id);
      return;
    }
    if (!this.inFlight.delete(operation.id) || this.announced.has(operation.id)) return;
    this.announced.add(operation.id);
    if (operation.state === 'succeeded') this.toasts.success(finishedMessage(operation));
    else this.toasts.error(finishedMessage(operation));
  }
}
