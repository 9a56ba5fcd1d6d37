import type { Page } from '@proxdeck/shared-contracts';
import { firstValueFrom, type Observable } from 'rxjs';

/**
 * List routes answer `{items, nextCursor}` (API.md); a few older ones answer a bare array.
 * The console accepts both so a route can move to pages without breaking a view.
 */
export function asPage<T>(answer: Page<T> | T[]): Page<T> {
  return Array.isArray(answer) ? { items: answer, nextCursor: null } : answer;
}

/** Enough pages for any homelab; a bound so a gateway bug cannot loop the browser. */
const MAX_PAGES = 50;

/** Every item of a paged list: asks for the page after `nextCursor` until there is none. */
export async function readAllPages<T>(readPage: (cursor: string | null) => Observable<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result: Page<T> = await firstValueFrom(readPage(cursor));
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}
