import type { Page } from '@proxdeck/shared-contracts';

/**
 * List routes answer `{items, nextCursor}` (API.md); a few older ones answer a bare array.
 * The console accepts both so a route can move to pages without breaking a view.
 */
export function asPage<T>(answer: Page<T> | T[]): Page<T> {
  return Array.isArray(answer) ? { items: answer, nextCursor: null } : answer;
}
