import { DomainError } from '../problem/domain-error';
import { decodeCursor, encodeCursor } from './cursor';

describe('page cursors', () => {
  const cursor = { createdAt: new Date('2026-11-23T10:00:00.123Z'), id: '2f1c8a9e-1111-4222-8333-444455556666' };

  it('round-trips the last row\'s time and id through an opaque string', () => {
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(cursor);
  });

  it('treats a missing cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeNull();
    expect(decodeCursor('')).toBeNull();
  });

  it.each(['not-base64!', Buffer.from('{"t":"x","i":"y"}').toString('base64url'), Buffer.from('[1]').toString('base64url')])(
    'refuses a cursor it did not make (%s) with errors.cursor',
    (raw) => {
      let thrown: unknown;
      try {
        decodeCursor(raw);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).errors).toHaveProperty('cursor');
      expect((thrown as DomainError).status).toBe(400);
    },
  );
});
