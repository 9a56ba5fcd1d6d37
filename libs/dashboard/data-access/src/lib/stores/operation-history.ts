import { Injectable, computed, inject, signal } from '@angular/core';
import type { OperationDto, OperationState } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { OperationsApi } from '../api/operations.api';
import { problemMessage, toProblem } from '../api/problem';
import { OperationsStore } from './operations.store';

export interface OperationFilters {
  appId: string;
  state: OperationState | '';
}

const PAGE_SIZE = 25;

function oldestOf(operations: readonly OperationDto[]): string | null {
  return operations.reduce<string | null>((min, op) => (min === null || op.createdAt < min ? op.createdAt : min), null);
}

/**
 * The Operations view's filtered, paged listing. Loaded pages go into the OperationsStore, so
 * `operation.updated` events move their progress live; operations that start while the view is
 * open match the filters and appear on top. It lives for the session, so a revisit shows at once
 * what was listed (the stream kept it current) and only refreshes the first page in the background.
 */
@Injectable({ providedIn: 'root' })
export class OperationHistory {
  private readonly api = inject(OperationsApi);
  private readonly store = inject(OperationsStore);
  /** Bumped by every new listing, so a slow answer for old filters is dropped. */
  private generation = 0;

  readonly filters = signal<OperationFilters>({ appId: '', state: '' });
  readonly state = signal<'loading' | 'loaded' | 'error'>('loading');
  readonly error = signal('');
  readonly nextCursor = signal<string | null>(null);
  readonly loadingMore = signal(false);
  readonly moreError = signal('');
  /** The oldest operation loaded so far: older ones wait for "Load more". */
  private readonly oldestLoaded = signal<string | null>(null);

  readonly operations = computed<OperationDto[]>(() => {
    if (this.state() !== 'loaded') return [];
    const { appId, state } = this.filters();
    const oldest = this.nextCursor() ? this.oldestLoaded() : null;
    return this.store
      .recent()
      .filter((op) => (!appId || op.appId === appId) && (!state || op.state === state) && (!oldest || op.createdAt >= oldest));
  });

  /**
   * Shows the listing for `filters`: the one held already (a revisit) at once, refreshed in the
   * background; other filters load afresh, with a loading state.
   */
  open(filters: OperationFilters): Promise<void> {
    const current = this.filters();
    const same = filters.appId === current.appId && filters.state === current.state;
    if (!same || this.state() !== 'loaded') return this.load(filters);
    // A task later, so the request is not made on the way to rendering what is held.
    return new Promise<void>((resolve) => setTimeout(resolve)).then(() => this.refresh());
  }

  async load(filters: OperationFilters = this.filters()): Promise<void> {
    const generation = ++this.generation;
    this.filters.set(filters);
    this.state.set('loading');
    this.moreError.set('');
    try {
      const page = await firstValueFrom(this.api.list({ ...this.query(filters), limit: PAGE_SIZE }));
      if (generation !== this.generation) return;
      this.accept(page.items, page.nextCursor, null);
      this.state.set('loaded');
    } catch (error) {
      if (generation !== this.generation) return;
      this.error.set(problemMessage(toProblem(error)));
      this.state.set('error');
    }
  }

  /**
   * Reads the first page again without a loading state. Pages added by "Load more" stay when the
   * fresh page reaches into what was listed; after a longer gap the listing restarts from the fresh
   * page, so no hole is shown. A failure keeps what is shown (the stream keeps it live).
   */
  async refresh(): Promise<void> {
    const generation = this.generation;
    try {
      const page = await firstValueFrom(this.api.list({ ...this.query(this.filters()), limit: PAGE_SIZE }));
      if (generation !== this.generation) return;
      const shown = new Set(this.operations().map((op) => op.id));
      const oldestOfPage = oldestOf(page.items);
      const listedDeeper = this.nextCursor() === null || (oldestOfPage !== null && (this.oldestLoaded() ?? '') < oldestOfPage);
      if (page.nextCursor !== null && listedDeeper && page.items.some((op) => shown.has(op.id))) {
        this.upsertChanged(page.items);
      } else {
        this.accept(page.items, page.nextCursor, null);
      }
    } catch {
      // Nothing newer to show; what is listed stays.
    }
  }

  async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    const generation = this.generation;
    this.loadingMore.set(true);
    this.moreError.set('');
    try {
      const page = await firstValueFrom(this.api.list({ ...this.query(this.filters()), limit: PAGE_SIZE, cursor }));
      if (generation !== this.generation) return;
      this.accept(page.items, page.nextCursor, this.oldestLoaded());
    } catch (error) {
      if (generation === this.generation) this.moreError.set(problemMessage(toProblem(error)));
    } finally {
      this.loadingMore.set(false);
    }
  }

  private query({ appId, state }: OperationFilters): { appId?: string; state?: OperationState } {
    return { ...(appId ? { appId } : {}), ...(state ? { state } : {}) };
  }

  /** Replaces only the operations that changed, so a refresh that brings nothing new re-renders nothing. */
  private upsertChanged(operations: readonly OperationDto[]): void {
    for (const operation of operations) {
      const held = this.store.operation(operation.id);
      if (!held || JSON.stringify(held) !== JSON.stringify(operation)) this.store.upsert(operation);
    }
  }

  private accept(items: OperationDto[], nextCursor: string | null, oldestSoFar: string | null): void {
    this.upsertChanged(items);
    this.oldestLoaded.set(oldestOf(items) ?? oldestSoFar);
    this.nextCursor.set(nextCursor);
  }
}
