import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import {
  APP_STATUSES,
  isTerminalOperationState,
  type AppDto,
  type AppStatus,
  type OperationDto,
  type ProxdeckEvent,
} from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { AppsApi } from '../api/apps.api';
import { readAllPages } from '../api/list-answer';
import { problemMessage, toProblem } from '../api/problem';
import { EventStream } from '../events/event-stream.service';

export type LoadState = 'idle' | 'loading' | 'loaded' | 'error';

/**
 * Every app the user can see, kept current by the event stream: one HTTP load, then events only.
 * Views read signals from here instead of fetching their own copies.
 */
@Injectable({ providedIn: 'root' })
export class AppsStore {
  private readonly api = inject(AppsApi);
  private readonly byId = signal<ReadonlyMap<string, AppDto>>(new Map());
  private readonly deleted = signal<ReadonlySet<string>>(new Set());

  readonly loadState = signal<LoadState>('idle');
  readonly loadError = signal<string | null>(null);

  /** Newest first, as people look for the app they just deployed. */
  readonly apps = computed(() =>
    [...this.byId().values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.hostname.localeCompare(b.hostname)),
  );

  readonly countsByStatus = computed(() => {
    const counts = Object.fromEntries(APP_STATUSES.map((status) => [status, 0])) as Record<AppStatus, number>;
    for (const app of this.byId().values()) counts[app.status] += 1;
    return counts;
  });

  constructor() {
    const stream = inject(EventStream);
    const events = stream.events.subscribe((event) => this.apply(event));
    // Also after an error: a resume can come while the gateway is still going down, and the reload
    // it started fails; the next resume must try again, or the view keeps what it showed before the gap.
    const resumed = stream.resumed.subscribe(() => {
      if (this.loadState() === 'loaded' || this.loadState() === 'error') void this.load();
    });
    inject(DestroyRef).onDestroy(() => {
      events.unsubscribe();
      resumed.unsubscribe();
    });
  }

  app(id: string): AppDto | undefined {
    return this.byId().get(id);
  }

  /** True once an `app.deleted` event (or a 404) said the app is gone. */
  isDeleted(id: string): boolean {
    return this.deleted().has(id);
  }

  async load(): Promise<void> {
    this.loadState.set(this.loadState() === 'loaded' ? 'loaded' : 'loading');
    try {
      const apps = await readAllPages((cursor) => this.api.list(cursor));
      // Events may have brought newer snapshots while the pages were in flight: keep those.
      const current = this.byId();
      this.byId.set(
        new Map(
          apps.map((app) => {
            const known = current.get(app.id);
            return [app.id, known && known.updatedAt > app.updatedAt ? known : app];
          }),
        ),
      );
      this.loadError.set(null);
      this.loadState.set('loaded');
    } catch (error) {
      this.loadError.set(problemMessage(toProblem(error)));
      this.loadState.set('error');
    }
  }

  /** Fetches one app (e.g. a deep link to its page) and keeps it. */
  async loadOne(id: string): Promise<AppDto> {
    const app = await firstValueFrom(this.api.get(id));
    this.upsert(app);
    return app;
  }

  upsert(app: AppDto): void {
    const current = this.byId().get(app.id);
    if (current && current.updatedAt > app.updatedAt) {
      return; // An older snapshot arriving late must not undo a newer one.
    }
    this.byId.update((map) => new Map(map).set(app.id, app));
  }

  remove(id: string): void {
    this.deleted.update((set) => new Set(set).add(id));
    if (!this.byId().has(id)) return;
    this.byId.update((map) => {
      const next = new Map(map);
      next.delete(id);
      return next;
    });
  }

  apply(event: ProxdeckEvent): void {
    switch (event.type) {
      case 'app.updated':
        this.upsert(event.app);
        break;
      case 'app.deleted':
        this.remove(event.appId);
        break;
      case 'operation.updated':
        this.applyOperation(event.operation);
        break;
      case 'node.updated':
        break;
    }
  }

  /** Keeps the app's "what is in flight" summary in step with its operation. */
  private applyOperation(operation: OperationDto): void {
    const app = operation.appId ? this.byId().get(operation.appId) : undefined;
    if (!app) return;
    const terminal = isTerminalOperationState(operation.state);
    let activeOperation = app.activeOperation;
    if (terminal) {
      if (activeOperation?.id !== operation.id) return;
      activeOperation = null;
    } else {
      activeOperation = { id: operation.id, type: operation.type, state: operation.state, progress: operation.progress };
    }
    this.byId.update((map) => new Map(map).set(app.id, { ...app, activeOperation }));
  }
}
