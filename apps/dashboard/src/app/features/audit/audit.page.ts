import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal, type OnInit } from '@angular/core';
import { AuditApi, SessionStore, problemMessage, toProblem, type AuditQuery } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent } from '@proxdeck/dashboard-ui';
import type { AuditEventDto } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';

const PAGE_SIZE = 50;

/** Who did what, newest first (admins): filters by actor and action prefix, "Load more" for older. */
@Component({
  selector: 'pd-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ButtonDirective, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent],
  templateUrl: './audit.page.html',
  styles: `
    .filters { display: flex; gap: 16px; flex-wrap: wrap; align-items: flex-end; margin-bottom: 16px; }
    .filters .pd-field { min-width: 200px; margin-bottom: 0; }
    .details { white-space: normal; overflow-wrap: anywhere; min-width: 220px; max-width: 480px; }
    .more { display: flex; justify-content: center; margin-top: 16px; }
  `,
})
export class AuditPage implements OnInit {
  private readonly api = inject(AuditApi);
  private readonly session = inject(SessionStore);

  protected readonly isAdmin = computed(() => this.session.user()?.role === 'admin');
  protected readonly events = signal<AuditEventDto[]>([]);
  protected readonly state = signal<'loading' | 'loaded' | 'error'>('loading');
  protected readonly error = signal('');
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly moreError = signal('');
  protected readonly query = signal<AuditQuery>({});
  private generation = 0;

  ngOnInit(): void {
    if (this.isAdmin()) void this.load();
  }

  protected applyFilters(event: Event, actor: string, action: string): void {
    event.preventDefault();
    this.query.set({ actor: actor.trim(), action: action.trim() });
    void this.load();
  }

  protected async load(): Promise<void> {
    const generation = ++this.generation;
    this.state.set('loading');
    this.moreError.set('');
    try {
      const page = await firstValueFrom(this.api.list({ ...this.query(), limit: PAGE_SIZE }));
      if (generation !== this.generation) return;
      this.events.set(page.items);
      this.nextCursor.set(page.nextCursor);
      this.state.set('loaded');
    } catch (error) {
      if (generation !== this.generation) return;
      this.error.set(problemMessage(toProblem(error)));
      this.state.set('error');
    }
  }

  protected async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    const generation = this.generation;
    this.loadingMore.set(true);
    this.moreError.set('');
    try {
      const page = await firstValueFrom(this.api.list({ ...this.query(), limit: PAGE_SIZE, cursor }));
      if (generation !== this.generation) return;
      this.events.update((events) => [...events, ...page.items]);
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      if (generation === this.generation) this.moreError.set(problemMessage(toProblem(error)));
    } finally {
      this.loadingMore.set(false);
    }
  }

  protected filtered(): boolean {
    return !!this.query().actor || !!this.query().action;
  }

  /** `{"hostname":"web-1"}` reads as `hostname: web-1`. */
  protected details(event: AuditEventDto): string {
    const entries = Object.entries(event.details ?? {});
    if (entries.length === 0) return '—';
    return entries.map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join(', ');
  }
}
