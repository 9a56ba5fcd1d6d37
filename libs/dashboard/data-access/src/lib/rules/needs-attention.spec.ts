import { anApp, anOperation } from '../testing/fixtures';
import { hasUpdate, needsAttention } from './needs-attention';

const now = new Date('2026-11-24T12:00:00.000Z');

describe('needsAttention', () => {
  it('lists broken apps and recent failures first, then updates, and skips what is fine', () => {
    const items = needsAttention(
      [
        anApp({ id: 'ok' }),
        anApp({ id: 'err', hostname: 'db', status: 'error', statusReason: 'health check failed', updatedAt: '2026-11-24T10:00:00.000Z' }),
        anApp({ id: 'gone', hostname: 'wiki', status: 'missing', updatedAt: '2026-11-24T09:00:00.000Z' }),
        anApp({ id: 'old', hostname: 'web', version: '1.27', latestVersion: '1.28' }),
        anApp({ id: 'same', latestVersion: '1.27' }),
      ],
      [
        anOperation({ id: 'fresh', type: 'backup', state: 'failed', appHostname: 'db', error: 'Storage is full.', finishedAt: '2026-11-24T11:00:00.000Z' }),
        anOperation({ id: 'stale', state: 'failed', finishedAt: '2026-11-22T11:00:00.000Z' }),
        anOperation({ id: 'fine', state: 'succeeded', finishedAt: '2026-11-24T11:30:00.000Z' }),
      ],
      now,
    );
    expect(items.map((item) => [item.kind, item.message])).toEqual([
      ['operation-failed', 'The backup of db failed: Storage is full.'],
      ['app-error', 'db is in error: health check failed'],
      ['app-missing', 'wiki is missing on Proxmox.'],
      ['update-available', 'web can be updated from 1.27 to 1.28.'],
    ]);
    expect(items[0]).toMatchObject({ appId: 'app-1', operationId: 'fresh' });
  });

  it('knows an update only when a different version was found', () => {
    expect(hasUpdate(anApp({ latestVersion: null }))).toBe(false);
    expect(hasUpdate(anApp({ version: '2', latestVersion: '2' }))).toBe(false);
    expect(hasUpdate(anApp({ version: '2', latestVersion: '3' }))).toBe(true);
  });
});
