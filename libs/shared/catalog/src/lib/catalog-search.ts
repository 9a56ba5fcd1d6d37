import type { CatalogCategory } from '@proxdeck/shared-contracts';
import type { CatalogEntry } from './catalog-entry.schema';

export interface CatalogQuery {
  /** Free text; every word must appear in the id, name, description, category or image. */
  q?: string;
  category?: CatalogCategory | string;
}

/**
 * Filters entries for `GET /catalog?q=&category=`. Matches are case-insensitive; results are ordered
 * by relevance (a name match first) and then by name, so the list is stable.
 */
export function searchCatalog<T extends Pick<CatalogEntry, 'id' | 'name' | 'description' | 'category' | 'image'>>(
  entries: readonly T[],
  query: CatalogQuery = {},
): T[] {
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const category = query.category?.trim().toLowerCase() || undefined;
  const scored: { entry: T; score: number }[] = [];
  for (const entry of entries) {
    if (category !== undefined && entry.category !== category) continue;
    const name = `${entry.id} ${entry.name}`.toLowerCase();
    const text = `${name} ${entry.description} ${entry.category} ${entry.image ?? ''}`.toLowerCase();
    if (!words.every((w) => text.includes(w))) continue;
    const score = words.filter((w) => name.includes(w)).length;
    scored.push({ entry, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.entry.name.localeCompare(b.entry.name))
    .map((s) => s.entry);
}
