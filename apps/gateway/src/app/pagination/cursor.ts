import { DomainError } from '../problem/domain-error';
import { isUuid } from '../problem/uuid-param';

/** Where a page ended: the last row's creation time (millisecond precision) and id, the tie-breaker. */
export interface PageCursor {
  createdAt: Date;
  id: string;
}

/** The largest time a JavaScript Date holds (ECMA-262 21.4.1.1); beyond it `new Date(t)` is Invalid Date. */
const MAX_DATE_MS = 8.64e15;

/** Opaque to clients: base64url of `{"t":<ms>,"i":"<id>"}`. */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.createdAt.getTime(), i: cursor.id }), 'utf8').toString('base64url');
}

/** Null for a missing cursor; 400 VALIDATION_FAILED (`errors.cursor`) for one we did not make. */
export function decodeCursor(raw: string | undefined): PageCursor | null {
  if (raw === undefined || raw === '') return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null) {
      const { t, i } = value as { t?: unknown; i?: unknown };
      if (typeof t === 'number' && Math.abs(t) <= MAX_DATE_MS && typeof i === 'string' && isUuid(i)) return { createdAt: new Date(t), id: i };
    }
  } catch {
    // fall through to the problem below
  }
  throw DomainError.validation({ cursor: 'is not a cursor this API returned' });
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
