import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type { CatalogItemDto } from '@proxdeck/shared-contracts';
import { CatalogApi, type CatalogQuery } from '../api/catalog.api';
import { readAllPages } from '../api/list-answer';
import { problemMessage, toProblem } from '../api/problem';
import { EventStream } from '../events/event-stream.service';
import type { LoadState } from './apps.store';

/**
 * Filters like the gateway's `GET /catalog?q=&category=` (shared-catalog's searchCatalog, which the
 * console cannot import): every word of `q` must appear, case-insensitive, in the id, name,
 * description, category or image; entries whose name matches more words come first, then by name.
 */
export function searchCatalogItems(items: readonly CatalogItemDto[], query: CatalogQuery = {}): CatalogItemDto[] {
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const category = query.category || undefined;
  const scored: { item: CatalogItemDto; score: number }[] = [];
  for (const item of items) {
    if (category !== undefined && item.category !== category) continue;
    const name = `${item.id} ${item.name}`.toLowerCase();
    const text = `${name} ${item.description} ${item.category} ${item.image ?? ''}`.toLowerCase();
    if (!words.every((word) => text.includes(word))) continue;
    scored.push({ item, score: words.filter((word) => name.includes(word)).length });
  }
  return scored.sort((a, b) => b.score - a.score || a.item.name.localeCompare(b.item.name)).map((s) => s.item);
}

/**
 * The catalog, read once per session: the gateway loads it at start and it changes only with a
 * gateway restart, which the event stream sees as a resume, so only then is it read again (in the
 * background, keeping what is shown). Views filter it here instead of searching through the API.
 */
@Injectable({ providedIn: 'root' })
export class CatalogStore {
  private readonly api = inject(CatalogApi);
  private readonly entries = signal<readonly CatalogItemDto[]>([]);
  private inFlight: Promise<void> | null = null;

  readonly loadState = signal<LoadState>('idle');
  readonly loadError = signal<string | null>(null);
  /** By name, as the unfiltered catalog is listed. */
  readonly items = computed(() => searchCatalogItems(this.entries()));

  constructor() {
    const resumed = inject(EventStream).resumed.subscribe(() => {
      if (this.loadState() === 'loaded') void this.reload();
    });
    inject(DestroyRef).onDestroy(() => resumed.unsubscribe());
  }

  item(id: string): CatalogItemDto | undefined {
    return this.entries().find((item) => item.id === id);
  }

  search(query: CatalogQuery): CatalogItemDto[] {
    return searchCatalogItems(this.entries(), query);
  }

  /** Reads the catalog unless it is loaded or on its way; after an error only `reload()` tries again. */
  load(): Promise<void> {
    if (this.loadState() !== 'idle') return this.inFlight ?? Promise.resolve();
    return this.reload();
  }

  /** Reads every page again; what was loaded stays shown while it runs and if it fails. */
  reload(): Promise<void> {
    this.inFlight ??= this.fetchAll().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async fetchAll(): Promise<void> {
    const loaded = this.loadState() === 'loaded';
    if (!loaded) this.loadState.set('loading');
    try {
      const items = await readAllPages((cursor) => this.api.list({}, cursor));
      this.entries.set(items);
      this.loadError.set(null);
      this.loadState.set('loaded');
    } catch (error) {
      if (loaded) return;
      this.loadError.set(problemMessage(toProblem(error)));
      this.loadState.set('error');
    }
  }
}
