import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { BackupsStore, SessionStore, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { EmptyStateComponent, ErrorStateComponent, LoadingStateComponent } from '@proxdeck/dashboard-ui';
import { BACKUP_KINDS, roleAllows, type BackupKind } from '@proxdeck/shared-contracts';
import { BackupsTableComponent } from './backups-table.component';

/** Every backup, those of deleted apps included, filtered by app and kind. */
@Component({
  selector: 'pd-backups-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, BackupsTableComponent],
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
              <select #appSelect id="filter-app" class="pd-select" [value]="appFilter()" (change)="appFilter.set(appSelect.value)">
                <option value="">All apps</option>
                @for (hostname of hostnames(); track hostname) {
                  <option [value]="hostname">{{ hostname }}</option>
                }
              </select>
            </div>
            <div class="pd-field">
              <label for="filter-kind">Kind</label>
              <select #kindSelect id="filter-kind" class="pd-select" [value]="kindFilter()" (change)="kindFilter.set(asKind(kindSelect.value))">
                <option value="">All kinds</option>
                @for (kind of kinds; track kind) {
                  <option [value]="kind">{{ kind }}</option>
                }
              </select>
            </div>
          </div>
          @if (filtered().length === 0) {
            <pd-empty-state heading="No backup matches" message="Change the filters to see more." />
          } @else {
            <pd-backups-table [backups]="filtered()" caption="Backups" [showApp]="true" [mayOperate]="mayOperate()" />
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

  protected readonly kinds = BACKUP_KINDS;
  protected readonly state = signal<'loading' | 'loaded' | 'error'>('loading');
  protected readonly error = signal('');
  protected readonly appFilter = signal('');
  protected readonly kindFilter = signal<BackupKind | ''>('');
  protected readonly mayOperate = computed(() => roleAllows(this.session.user()?.role ?? 'viewer', 'operator'));

  protected readonly hostnames = computed(() => [...new Set(this.store.all().map((backup) => backup.appHostname))].sort());
  protected readonly filtered = computed(() => {
    const app = this.appFilter();
    const kind = this.kindFilter();
    return this.store.all().filter((backup) => (!app || backup.appHostname === app) && (!kind || backup.kind === kind));
  });

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set('loading');
    try {
      await this.store.loadAll();
      this.state.set('loaded');
    } catch (error) {
      this.error.set(problemMessage(toProblem(error)));
      this.state.set('error');
    }
  }

  protected asKind(value: string): BackupKind | '' {
    return (BACKUP_KINDS as readonly string[]).includes(value) ? (value as BackupKind) : '';
  }
}
