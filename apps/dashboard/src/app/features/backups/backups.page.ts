import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { Router } from '@angular/router';
import { BackupsStore, SessionStore, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, pageFromQuery } from '@proxdeck/dashboard-ui';
import { BACKUP_KINDS, roleAllows, type BackupKind } from '@proxdeck/shared-contracts';
import { BackupsTableComponent } from './backups-table.component';
import { ValueOptionsDirective } from './value-options.directive';

function asKind(value: string | undefined): BackupKind | '' {
  return (BACKUP_KINDS as readonly string[]).includes(value ?? '') ? (value as BackupKind) : '';
}

/**
 * Every backup, those of deleted apps included, filtered by app and kind, a page at a time; filters
 * and page live in the URL (`?app=&kind=&page=`). The store stays current through events, so a
 * second visit shows it at once and only refreshes behind it.
 */
@Component({
  selector: 'pd-backups-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, BackupsTableComponent, ValueOptionsDirective],
  template: `
    <div class="page-header">
      <div>
        <h1>Backups</h1>
        <p class="page-header__sub">Every backup Proxdeck took, also of apps that were deleted since.</p>
      </div>
    </div>
    @switch (state()) {
      @case ('error') {
        <pd-error-state heading="Backups could not be loaded" [message]="error()" (retry)="load()" />
      }
      @case ('loaded') {
        @if (store.all().length === 0) {
          <pd-empty-state heading="No backups yet" message="Open an app and back it up, or give it a schedule in its settings." />
        } @else {
          <div class="filters" role="group" aria-label="Filters">
            <div class="pd-field">
              <label for="filter-app">App</label>
              <select
                #appSelect
                id="filter-app"
                class="pd-select"
                [pdValueOptions]="hostnames()"
                [pdSelected]="appFilter()"
                (change)="setApp(appSelect.value)"
              >
                <option value="">All apps</option>
              </select>
            </div>
            <div class="pd-field">
              <label for="filter-kind">Kind</label>
              <select #kindSelect id="filter-kind" class="pd-select" [value]="kindFilter()" (change)="setKind(kindSelect.value)">
                <option value="">All kinds</option>
                @for (kind of kinds; track kind) {
                  <option [value]="kind" [selected]="kindFilter() === kind">{{ kind }}</option>
                }
              </select>
            </div>
          </div>
          @if (filtered().length === 0) {
            <pd-empty-state heading="No backup matches" message="Change the filters to see more." />
          } @else {
            <pd-backups-table
              [backups]="filtered()"
              caption="Backups"
              [showApp]="true"
              [mayOperate]="mayOperate()"
              [page]="currentPage()"
              (pageChange)="goTo($event)"
            />
          }
        }
      }
      @default {
        <pd-loading-state label="Loading backups…" />
      }
    }
  `,
  styles: `
    .filters { display: flex; gap: 16px; flex-wrap: wrap; margin-bottom: 8px; }
    .filters .pd-field { min-width: 180px; }
  `,
})
export class BackupsPage {
  protected readonly store = inject(BackupsStore);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  /** Query parameters, bound by the router. */
  readonly app = input<string>();
  readonly kind = input<string>();
  readonly page = input<string>();

  protected readonly kinds = BACKUP_KINDS;
  protected readonly state = signal<'loading' | 'loaded' | 'error'>(this.store.allLoaded() ? 'loaded' : 'loading');
  protected readonly error = signal('');
  /** Follow the URL (back/forward), but answer a change at once rather than after the navigation. */
  protected readonly appFilter = linkedSignal(() => this.app() ?? '');
  protected readonly kindFilter = linkedSignal(() => asKind(this.kind()));
  protected readonly currentPage = computed(() => pageFromQuery(this.page()));
  protected readonly mayOperate = computed(() => roleAllows(this.session.user()?.role ?? 'viewer', 'operator'));

  /** Equal when unchanged, so a refresh that brings no new app leaves the options alone. */
  protected readonly hostnames = computed(() => [...new Set(this.store.all().map((backup) => backup.appHostname))].sort(), {
    equal: (a, b) => a.length === b.length && a.every((hostname, i) => hostname === b[i]),
  });
  protected readonly filtered = computed(() => {
    const app = this.appFilter();
    const kind = this.kindFilter();
    return this.store.all().filter((backup) => (!app || backup.appHostname === app) && (!kind || backup.kind === kind));
  });

  constructor() {
    void this.load();
  }

  /** The first visit waits for the list; later ones show what the store holds and refresh behind it. */
  protected async load(): Promise<void> {
    const showing = this.store.allLoaded();
    if (!showing) this.state.set('loading');
    try {
      await this.store.loadAll();
      this.state.set('loaded');
    } catch (error) {
      // Behind a list already shown, a failed refresh changes nothing: events keep the list current.
      if (showing) return;
      this.error.set(problemMessage(toProblem(error)));
      this.state.set('error');
    }
  }

  protected setApp(hostname: string): void {
    this.appFilter.set(hostname);
    void this.router.navigate([], { queryParams: { app: hostname || null, page: null }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected setKind(value: string): void {
    const kind = asKind(value);
    this.kindFilter.set(kind);
    void this.router.navigate([], { queryParams: { kind: kind || null, page: null }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  /** A page is a history entry, so back returns to the previous page. */
  protected goTo(page: number): void {
    void this.router.navigate([], { queryParams: { page: page > 1 ? page : null }, queryParamsHandling: 'merge' });
  }
}
