import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { OperationLogDto } from '@proxdeck/shared-contracts';
import { EventStream } from '../events/event-stream.service';
import { FakeEventSource, provideStoreTesting } from '../testing/fake-event-source';
import { anOperation } from '../testing/fixtures';
import { OperationsStore } from './operations.store';

const line = (message: string, at = '2026-11-23T10:00:01.000Z'): OperationLogDto => ({ at, level: 'info', message });

describe('OperationsStore', () => {
  let store: OperationsStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: provideStoreTesting(),
    });
    store = TestBed.inject(OperationsStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('loads the operations of one app, newest first', async () => {
    const loaded = store.loadForApp('app-1');
    backend.expectOne('/api/v1/operations?appId=app-1&limit=20').flush({
      items: [anOperation({ id: 'old', createdAt: '2026-11-23T09:00:00.000Z' }), anOperation({ id: 'new' })],
      nextCursor: null,
    });
    await loaded;
    expect(store.forApp('app-1').map((op) => op.id)).toEqual(['new', 'old']);
  });

  it('keeps an operation that ended by event when a list read before the end answers late', async () => {
    const running = anOperation({ state: 'running', progress: 100, finishedAt: null });
    store.apply({ type: 'operation.updated', operation: running });
    const loaded = store.loadForApp('app-1');
    store.apply({ type: 'operation.updated', operation: anOperation({ state: 'succeeded' }) });
    backend.expectOne('/api/v1/operations?appId=app-1&limit=20').flush({ items: [running], nextCursor: null });
    await loaded;
    expect(store.operation('op-1')?.state).toBe('succeeded');
    store.upsert(anOperation({ state: 'queued', progress: 0, steps: [] })); // e.g. a late 202 answer
    expect(store.operation('op-1')?.state).toBe('succeeded');
  });

  it('appends log lines carried by operation.updated events', () => {
    store.apply({ type: 'operation.updated', operation: anOperation(), log: line('creating container') });
    store.apply({ type: 'operation.updated', operation: anOperation({ progress: 80 }), log: line('starting', '2026-11-23T10:00:02.000Z') });
    expect(store.logs('op-1').map((l) => l.message)).toEqual(['creating container', 'starting']);
    expect(store.operation('op-1')?.progress).toBe(80);
  });

  it('merges fetched logs with lines that arrived live, without doubles', async () => {
    store.apply({ type: 'operation.updated', operation: anOperation(), log: line('b', '2026-11-23T10:00:02.000Z') });
    store.apply({ type: 'operation.updated', operation: anOperation(), log: line('c', '2026-11-23T10:00:03.000Z') });
    const loaded = store.loadLogs('op-1');
    backend.expectOne('/api/v1/operations/op-1/logs').flush([line('a'), line('b', '2026-11-23T10:00:02.000Z')]);
    await loaded;
    expect(store.logs('op-1').map((l) => l.message)).toEqual(['a', 'b', 'c']);
  });

  it('fetches again the unfinished operations and their logs when the stream resumes after a gap', async () => {
    store.apply({ type: 'operation.updated', operation: anOperation({ id: 'run', state: 'running', progress: 40 }), log: line('a') });
    store.upsert(anOperation({ id: 'done', state: 'succeeded' }));
    const stream = TestBed.inject(EventStream);
    stream.connect();
    const source = FakeEventSource.latest();
    source.open();
    source.drop();
    source.open();
    backend.expectOne('/api/v1/operations/run').flush(anOperation({ id: 'run', state: 'succeeded', progress: 100 }));
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/api/v1/operations/run/logs').flush([line('a'), line('z', '2026-11-23T10:00:09.000Z')]);
    await new Promise((resolve) => setTimeout(resolve));
    expect(store.operation('run')).toMatchObject({ state: 'succeeded', progress: 100 });
    expect(store.logs('run').map((l) => l.message)).toEqual(['a', 'z']);
    stream.disconnect();
  });
});
