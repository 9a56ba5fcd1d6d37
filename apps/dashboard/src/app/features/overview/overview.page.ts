import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { APP_STATUSES } from '@proxdeck/shared-contracts';
import { AppsStore, OperationsStore, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent } from '@proxdeck/dashboard-ui';
import { ClusterHealthComponent } from './cluster-health.component';
import { NeedsAttentionComponent } from './needs-attention.component';

/** The landing view: cluster health, what needs attention, apps by status, and what happened lately. */
@Component({
  selector: 'pd-overview-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, ButtonDirective, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, ClusterHealthComponent, NeedsAttentionComponent],
  templateUrl: './overview.page.html',
  styleUrl: './overview.page.css',
})
export class OverviewPage {
  protected readonly apps = inject(AppsStore);
  private readonly operations = inject(OperationsStore);

  protected readonly statuses = APP_STATUSES;
  protected readonly total = computed(() => this.apps.apps().length);
  protected readonly recentOperations = computed(() => this.operations.recent().slice(0, 10));
  protected readonly operationsState = signal<'loading' | 'loaded' | 'error'>('loading');
  protected readonly operationsError = signal('');

  constructor() {
    void this.loadOperations();
  }

  protected async loadOperations(): Promise<void> {
    this.operationsState.set('loading');
    try {
      await this.operations.loadRecent(10);
      this.operationsState.set('loaded');
    } catch (error) {
      this.operationsError.set(problemMessage(toProblem(error)));
      this.operationsState.set('error');
    }
  }

  protected appExists(appId: string | null): boolean {
    return appId !== null && this.apps.app(appId) !== undefined;
  }
}
