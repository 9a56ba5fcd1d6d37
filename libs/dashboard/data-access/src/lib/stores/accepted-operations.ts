import { Injectable, inject } from '@angular/core';
import type { AcceptedOperationDto } from '@proxdeck/shared-contracts';
import { AppsStore } from './apps.store';
import { OperationsStore } from './operations.store';

/**
 * Every `202 {app?, operation}` answer goes through here, so the app's "in flight" state and the
 * operation panel show at once instead of waiting for the first event.
 */
@Injectable({ providedIn: 'root' })
export class AcceptedOperations {
  private readonly apps = inject(AppsStore);
  private readonly operations = inject(OperationsStore);

  record(accepted: AcceptedOperationDto): void {
    if (accepted.app) this.apps.upsert(accepted.app);
    this.operations.upsert(accepted.operation);
    this.apps.apply({ type: 'operation.updated', operation: accepted.operation });
  }
}
