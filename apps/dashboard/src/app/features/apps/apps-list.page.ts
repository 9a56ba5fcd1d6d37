import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AppsStore } from '@proxdeck/dashboard-data-access';
import {
  ButtonDirective,
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
  PagerComponent,
  StatusBadgeComponent,
  pageFromQuery,
  pageSlice,
} from '@proxdeck/dashboard-ui';
import { APP_STATUSES, type AppStatus } from '@proxdeck/shared-contracts';

/** Rows a page: enough to scan, few enough that a view switch renders fast with hundreds of apps. */
export const APPS_PAGE_SIZE = 50;

/** Natural order, so web-2 comes before web-10. */
const byHostname = new Intl.Collator('en', { numeric: true }).compare;

function asStatus(value: string | undefined): AppStatus | '' {
  return (APP_STATUSES as readonly string[]).includes(value ?? '') ? (value as AppStatus) : '';
}

/**
 * Every app with its live status, by hostname, a page at a time; the filter, status and page live in
 * the URL (`?q=&status=&page=`) so back, forward and reload keep them. The shell keeps the store
 * loaded and the events flowing.
 */
@Component({
  selector: 'pd-apps-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ButtonDirective, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, PagerComponent, StatusBadgeComponent],
  template: `
    <div class="page-header">
      <div>
        <h1>Apps</h1>
        <p class="page-header__sub">Containers Proxdeck manages on your cluster.</p>
      </div>
      <div class="page-header__actions">
        <a pdButton variant="primary" routerLink="/catalog">Deploy an app</a>
      </div>
    </div>

    @switch (store.loadState()) {
      @case ('error') {
        <pd-error-state heading="Apps could not be loaded" [message]="store.loadError() ?? ''" (retry)="store.load()" />
      }
      @case ('loaded') {
        @if (store.apps().length === 0) {
          <pd-empty-state heading="No apps yet" message="Pick an app from the catalog and deploy it into its own container.">
            <a pdButton variant="primary" routerLink="/catalog">Browse the catalog</a>
          </pd-empty-state>
        } @else {
          <div class="filters" role="group" aria-label="Filters">
            <div class="pd-field grow">
              <label for="filter-apps">Filter apps</label>
              <input
                #queryInput
                id="filter-apps"
                class="pd-input"
                type="search"
                autocomplete="off"
                placeholder="Hostname or app name"
                [value]="query()"
                (input)="setQuery(queryInput.value)"
              />
            </div>
            <div class="pd-field">
              <label for="filter-status">Status</label>
              <select #statusSelect id="filter-status" class="pd-select" [value]="statusFilter()" (change)="setStatus(statusSelect.value)">
                <option value="">All statuses</option>
                @for (status of statuses; track status) {
                  <option [value]="status" [selected]="statusFilter() === status">{{ status }}</option>
                }
              </select>
            </div>
          </div>

          @if (shown().total === 0) {
            <pd-empty-state heading="No app matches" message="Change or clear the filters to see more.">
              <button pdButton type="button" (click)="clearFilters()">Clear filters</button>
            </pd-empty-state>
          } @else {
            <div class="pd-table-scroll">
              <table class="pd-table">
                <caption class="pd-visually-hidden">Apps</caption>
                <thead>
                  <tr>
                    <th scope="col">Hostname</th>
                    <th scope="col">Status</th>
                    <th scope="col">App</th>
                    <th scope="col">Node</th>
                    <th scope="col">IP address</th>
                  </tr>
                </thead>
                <tbody>
                  @for (app of shown().items; track app.id) {
                    <tr>
                      <th scope="row"><a class="hostname" [routerLink]="['/apps', app.id]">{{ app.hostname }}</a></th>
                      <td>
                        <span class="status">
                          <pd-status-badge [status]="app.status" />
                          @if (app.activeOperation; as operation) {
                            <span class="muted activity">{{ operation.type }} {{ operation.progress }}%</span>
                          }
                        </span>
                      </td>
                      <td>{{ app.name }} <span class="muted">{{ app.version }}</span></td>
                      <td>{{ app.node ?? '—' }}</td>
                      <td class="mono">{{ app.ip ?? '—' }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
            <pd-pager label="Pages of apps" [page]="shown().page" [pageSize]="pageSize" [total]="shown().total" (pageChange)="goTo($event)" />
          }
        }
      }
      @default {
        <pd-loading-state label="Loading apps…" />
      }
    }
  `,
  styles: `
    .hostname { font-weight: 600; }
    th[scope='row'] { text-transform: none; letter-spacing: normal; font-size: 14px; background: none; color: inherit; }
    .status { display: inline-flex; align-items: center; gap: 8px; }
    .activity { font-size: 13px; }
    .filters { display: flex; gap: 16px; flex-wrap: wrap; margin-bottom: 8px; }
    .filters .pd-field { min-width: 180px; }
    .filters .grow { flex: 1; max-width: 420px; }
  `,
})
export class AppsListPage {
  protected readonly store = inject(AppsStore);
  private readonly router = inject(Router);

  /** Query parameters, bound by the router. */
  readonly q = input<string>();
  readonly status = input<string>();
  readonly page = input<string>();

  protected readonly pageSize = APPS_PAGE_SIZE;
  protected readonly statuses = APP_STATUSES;
  /** Follow the URL (back/forward), but answer typing at once rather than after the navigation. */
  protected readonly query = linkedSignal(() => this.q() ?? '');
  protected readonly statusFilter = linkedSignal(() => asStatus(this.status()));

  private readonly sorted = computed(() => [...this.store.apps()].sort((a, b) => byHostname(a.hostname, b.hostname)));
  private readonly matching = computed(() => {
    const needle = this.query().trim().toLowerCase();
    const status = this.statusFilter();
    if (!needle && !status) return this.sorted();
    return this.sorted().filter(
      (app) => (!status || app.status === status) && (!needle || app.hostname.toLowerCase().includes(needle) || app.name.toLowerCase().includes(needle)),
    );
  });
  protected readonly shown = computed(() => pageSlice(this.matching(), pageFromQuery(this.page()), APPS_PAGE_SIZE));

  protected setQuery(value: string): void {
    this.query.set(value);
    // Typing is not history: replace the entry, and start again at page 1.
    void this.router.navigate([], { queryParams: { q: value || null, page: null }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected setStatus(value: string): void {
    const status = asStatus(value);
    this.statusFilter.set(status);
    void this.router.navigate([], { queryParams: { status: status || null, page: null }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected clearFilters(): void {
    this.query.set('');
    this.statusFilter.set('');
    void this.router.navigate([], { queryParams: { q: null, status: null, page: null }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  /** A page is a history entry, so back returns to the previous page. */
  protected goTo(page: number): void {
    void this.router.navigate([], { queryParams: { page: page > 1 ? page : null }, queryParamsHandling: 'merge' });
  }
}
