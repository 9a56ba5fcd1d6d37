import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideStoreTesting } from '../testing/fake-event-source';
import { aBackup, anOperation } from '../testing/fixtures';
import { BackupsStore } from './backups.store';

describe('BackupsStore', () => {
  let store: BackupsStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: provideStoreTesting(),
    });
    store = TestBed.inject(BackupsStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('loads one app\'s backups, newest first, from a page or a bare list', async () => {
    const loaded = store.loadForApp('app-1');
    backend.expectOne('/api/v1/apps/app-1/backups').flush([
      aBackup({ id: 'old', createdAt: '2026-11-22T03:00:00.000Z' }),
      aBackup({ id: 'new', createdAt: '2026-11-23T03:00:00.000Z' }),
    ]);
    await loaded;
    expect(store.forApp('app-1').map((backup) => backup.id)).toEqual(['new', 'old']);
  });

  it('follows backup.updated and backup.deleted events', () => {
    store.apply({ type: 'backup.updated', backup: aBackup({ id: 'b1' }) });
    store.apply({ type: 'backup.updated', backup: aBackup({ id: 'b1', protected: true }) });
    expect(store.backup('b1')?.protected).toBe(true);
    store.apply({ type: 'backup.deleted', backupId: 'b1' });
    expect(store.all()).toEqual([]);
  });

  it('reads an app\'s list again when a backup of it ends, in case an event was missed', async () => {
    const loaded = store.loadForApp('app-1');
    backend.expectOne('/api/v1/apps/app-1/backups').flush({ items: [], nextCursor: null });
    await loaded;
    store.apply({ type: 'operation.updated', operation: anOperation({ type: 'backup', state: 'running' }) });
    backend.expectNone('/api/v1/apps/app-1/backups');
    store.apply({ type: 'operation.updated', operation: anOperation({ type: 'backup', state: 'succeeded' }) });
    backend.expectOne('/api/v1/apps/app-1/backups').flush({ items: [aBackup()], nextCursor: null });
    await new Promise((resolve) => setTimeout(resolve));
    expect(store.forApp('app-1')).toHaveLength(1);
  });

  it('loads every page of all backups', async () => {
    const loaded = store.loadAll();
    backend.expectOne('/api/v1/backups').flush({ items: [aBackup({ id: 'a' })], nextCursor: 'c2' });
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/api/v1/backups?cursor=c2').flush({ items: [aBackup({ id: 'b', appId: null, appHostname: 'gone' })], nextCursor: null });
    await loaded;
    expect(store.all().map((backup) => backup.id).sort()).toEqual(['a', 'b']);
  });

  it('says when all backups were read, and shares one load between callers meanwhile', async () => {
    expect(store.allLoaded()).toBe(false);
    const first = store.loadAll();
    const second = store.loadAll();
    backend.expectOne('/api/v1/backups').flush({ items: [aBackup({ id: 'a' })], nextCursor: null });
    await Promise.all([first, second]);
    expect(store.allLoaded()).toBe(true);
    expect(store.all().map((backup) => backup.id)).toEqual(['a']);

    const again = store.loadAll();
    backend.expectOne('/api/v1/backups').flush({ items: [], nextCursor: null });
    await again;
    expect(store.all()).toEqual([]);
  });

  it('keeps events that came while the pages were in flight over what the pages said', async () => {
    const loaded = store.loadAll();
    store.apply({ type: 'backup.deleted', backupId: 'gone' });
    store.apply({ type: 'backup.updated', backup: aBackup({ id: 'kept', protected: true }) });
    backend.expectOne('/api/v1/backups').flush({ items: [aBackup({ id: 'gone' }), aBackup({ id: 'kept', protected: false })], nextCursor: null });
    await loaded;
    expect(store.all().map((backup) => [backup.id, backup.protected])).toEqual([['kept', true]]);
  });

  it('orders backups taken at the same moment the same way every time', () => {
    for (const id of ['b', 'c', 'a']) store.upsert(aBackup({ id }));
    store.upsert(aBackup({ id: 'newest', createdAt: '2026-11-24T00:00:00.000Z' }));
    expect(store.all().map((backup) => backup.id)).toEqual(['newest', 'c', 'b', 'a']);
  });

  it('stops reading the list of a deleted app, whose backups stay', async () => {
    const loaded = store.loadForApp('app-1');
    backend.expectOne('/api/v1/apps/app-1/backups').flush({ items: [aBackup()], nextCursor: null });
    await loaded;
    store.apply({ type: 'app.deleted', appId: 'app-1' });
    store.apply({ type: 'operation.updated', operation: anOperation({ type: 'backup-delete', appId: null, state: 'succeeded' }) });
    backend.expectNone('/api/v1/apps/app-1/backups');
    expect(store.all()).toHaveLength(1);
  });
});
