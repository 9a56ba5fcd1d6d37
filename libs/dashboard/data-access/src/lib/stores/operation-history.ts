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

/**
 * One filtered, paged listing of operations (the Operations view provides its own). Loaded pages
 * go into the OperationsStore, so `operation.updated` events move their progress live; operations
 * that start while the view is open match the filters and appear on top.
 */
@Injectable()
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

  private accept(items: OperationDto[], nextCursor: string | null, oldestSoFar: string | null): void {
    for (const operation of items) this.store.upsert(operation);
    const oldestOfPage = items.reduce<string | null>((min, op) => (min === null || op.createdAt < min ? op.createdAt : min), null);
    this.oldestLoaded.set(oldestOfPage ?? oldestSoFar);
    this.nextCursor.set(nextCursor);
  }
}
