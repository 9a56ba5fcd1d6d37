import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AppsStore, OperationsApi, OperationsStore, needsAttention, problemMessage, toProblem, type AttentionItem } from '@proxdeck/dashboard-data-access';
import { ErrorStateComponent, LoadingStateComponent } from '@proxdeck/dashboard-ui';
import { firstValueFrom } from 'rxjs';

const KIND_LABELS: Record<AttentionItem['kind'], string> = {
  'app-error': 'Error',
  'app-missing': 'Missing',
  'operation-failed': 'Failed',
  'update-available': 'Update',
};

/** Apps in error or missing, operations that failed in the last 24 hours, and available updates. */
@Component({
  selector: 'pd-needs-attention',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorStateComponent, LoadingStateComponent],
  template: `
    @switch (state()) {
      @case ('error') {
        <pd-error-state heading="Failed operations could not be loaded" [message]="error()" (retry)="load()" />
      }
      @case ('loaded') {
        @if (items().length === 0) {
          <p class="pd-card all-well">Nothing needs attention: no app is broken, nothing failed in the last 24 hours, and every app is up to date.</p>
        } @else {
          <ul class="items">
            @for (item of items(); track item.kind + (item.operationId ?? item.appId)) {
              <li class="pd-card item" [attr.data-kind]="item.kind">
                <span class="kind">{{ label(item) }}</span>
                <span class="message">{{ item.message }}</span>
                @if (item.operationId) {
                  <a routerLink="/operations" [queryParams]="{ state: 'failed', appId: item.appId }">See the operation</a>
                } @else if (item.appId) {
                  <a [routerLink]="['/apps', item.appId]">{{ item.kind === 'update-available' ? 'Update' : 'Open the app' }}</a>
                }
              </li>
            }
          </ul>
        }
      }
      @default {
        <pd-loading-state label="Checking what needs attention…" />
      }
    }
  `,
  styles: `
    .items { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
    .item { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px 12px; padding: 12px 16px; border-left: 4px solid var(--pd-warning); }
    .item[data-kind='update-available'] { border-left-color: var(--pd-info); }
    .item[data-kind='operation-failed'], .item[data-kind='app-error'] { border-left-color: var(--pd-danger); }
    .kind { font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; color: var(--pd-text-muted); min-width: 5em; }
    .message { flex: 1; min-width: 200px; }
    .all-well { margin: 0; padding: 16px; color: var(--pd-text-muted); }
  `,
})
export class NeedsAttentionComponent {
  private readonly apps = inject(AppsStore);
  private readonly operations = inject(OperationsStore);
  private readonly api = inject(OperationsApi);

  protected readonly state = signal<'loading' | 'loaded' | 'error'>('loading');
  protected readonly error = signal('');
  protected readonly items = computed(() => needsAttention(this.apps.apps(), this.operations.recent()));

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set('loading');
    try {
      // Failures may be older than the recent page; live ones arrive by event.
      const page = await firstValueFrom(this.api.list({ state: 'failed', limit: 20 }));
      for (const operation of page.items) this.operations.upsert(operation);
      this.state.set('loaded');
    } catch (error) {
      this.error.set(problemMessage(toProblem(error)));
      this.state.set('error');
    }
  }

  protected label(item: AttentionItem): string {
    return KIND_LABELS[item.kind];
  }
}
