import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AppsStore, OperationHistory, type OperationFilters } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, ProgressBarComponent } from '@proxdeck/dashboard-ui';
import { OPERATION_STATES, type OperationDto, type OperationState } from '@proxdeck/shared-contracts';
import { OperationLogComponent } from './operation-log.component';

const byHostname = new Intl.Collator().compare;

/**
 * Every operation, newest first, filtered by state and app (`?state=&appId=`), paged by "Load more".
 * Progress moves live through the event stream; each row opens its log. The listing (OperationHistory)
 * outlives the view, so a revisit renders it at once and refreshes it in the background.
 */
@Component({
  selector: 'pd-operations-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, ButtonDirective, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, ProgressBarComponent, OperationLogComponent],
  templateUrl: './operations.page.html',
  styleUrl: './operations.page.css',
})
export class OperationsPage {
  protected readonly history = inject(OperationHistory);
  protected readonly apps = inject(AppsStore);
  private readonly router = inject(Router);

  readonly state = input<string>();
  readonly appId = input<string>();

  protected readonly states = OPERATION_STATES;
  protected readonly openLog = signal<string | null>(null);
  protected readonly filtered = computed(() => !!this.history.filters().appId || !!this.history.filters().state);
  /** Apps to filter by: the ones that exist, plus the filtered one if it was deleted meanwhile. */
  protected readonly appChoices = computed(() => [...this.apps.apps()].sort((a, b) => byHostname(a.hostname, b.hostname)));

  private started = false;

  constructor() {
    // The URL decides the filters: on arrival (the listing held for them shows at once), and on
    // back/forward (a filter changed here already loaded).
    effect(() => {
      const wanted: OperationFilters = { appId: this.appId() ?? '', state: this.asState(this.state() ?? '') };
      untracked(() => {
        const current = this.history.filters();
        if (this.started && wanted.appId === current.appId && wanted.state === current.state) return;
        this.started = true;
        void this.history.open(wanted);
      });
    });
  }

  protected setFilter(change: Partial<OperationFilters>): void {
    const filters = { ...this.history.filters(), ...change };
    void this.history.load(filters);
    void this.router.navigate([], {
      queryParams: { state: filters.state || null, appId: filters.appId || null },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected asState(value: string): OperationState | '' {
    return (OPERATION_STATES as readonly string[]).includes(value) ? (value as OperationState) : '';
  }

  protected appExists(appId: string | null): boolean {
    return appId !== null && this.apps.app(appId) !== undefined;
  }

  protected toggleLog(operation: OperationDto): void {
    this.openLog.set(this.openLog() === operation.id ? null : operation.id);
  }

  protected describe(operation: OperationDto): string {
    return `${operation.type} of ${operation.appHostname || 'no app'}`;
  }
}
