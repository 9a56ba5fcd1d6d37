import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideStoreTesting } from '../testing/fake-event-source';
import { anOperation } from '../testing/fixtures';
import { OperationHistory } from './operation-history';
import { OperationsStore } from './operations.store';

const at = (hour: number) => `2026-11-23T${String(hour).padStart(2, '0')}:00:00.000Z`;

describe('OperationHistory', () => {
  let history: OperationHistory;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: provideStoreTesting(),
    });
    history = TestBed.inject(OperationHistory);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('pages with the filters, and older operations known elsewhere wait for "Load more"', async () => {
    const store = TestBed.inject(OperationsStore);
    store.upsert(anOperation({ id: 'known-older', state: 'failed', createdAt: at(1) }));

    const loaded = history.load({ appId: 'app-1', state: 'failed' });
    backend
      .expectOne('/api/v1/operations?appId=app-1&state=failed&limit=25')
      .flush({ items: [anOperation({ id: 'b', state: 'failed', createdAt: at(9) }), anOperation({ id: 'a', state: 'failed', createdAt: at(8) })], nextCursor: 'c1' });
    await loaded;
    expect(history.operations().map((op) => op.id)).toEqual(['b', 'a']);

    const more = history.loadMore();
    backend
      .expectOne('/api/v1/operations?appId=app-1&state=failed&limit=25&cursor=c1')
      .flush({ items: [anOperation({ id: 'z', state: 'failed', createdAt: at(2) })], nextCursor: null });
    await more;
    expect(history.operations().map((op) => op.id)).toEqual(['b', 'a', 'z', 'known-older']);
  });

  it('shows an operation that starts while open, and moves its progress live', async () => {
    const loaded = history.load({ appId: '', state: '' });
    backend.expectOne('/api/v1/operations?limit=25').flush({ items: [anOperation({ createdAt: at(8) })], nextCursor: null });
    await loaded;

    const store = TestBed.inject(OperationsStore);
    store.apply({ type: 'operation.updated', operation: anOperation({ id: 'new', type: 'stop', state: 'running', progress: 40, createdAt: at(10) }) });
    expect(history.operations().map((op) => [op.id, op.progress])).toEqual([
      ['new', 40],
      ['op-1', 100],
    ]);
    store.apply({ type: 'operation.updated', operation: anOperation({ id: 'new', type: 'stop', state: 'succeeded', progress: 100, createdAt: at(10) }) });
    expect(history.operations()[0]).toMatchObject({ id: 'new', state: 'succeeded', progress: 100 });
  });

  it('keeps the listing shown while it refreshes the same filters, and the pages loaded by "Load more"', async () => {
    const loaded = history.open({ appId: '', state: '' });
    expect(history.state()).toBe('loading');
    backend.expectOne('/api/v1/operations?limit=25').flush({ items: [anOperation({ id: 'b', createdAt: at(8) })], nextCursor: 'c1' });
    await loaded;
    const more = history.loadMore();
    backend.expectOne('/api/v1/operations?limit=25&cursor=c1').flush({ items: [anOperation({ id: 'a', createdAt: at(5) })], nextCursor: 'c2' });
    await more;

    const refreshed = history.open({ appId: '', state: '' });
    expect(history.state()).toBe('loaded');
    expect(history.operations().map((op) => op.id)).toEqual(['b', 'a']);
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/api/v1/operations?limit=25').flush({ items: [anOperation({ id: 'c', createdAt: at(9) }), anOperation({ id: 'b', createdAt: at(8) })], nextCursor: 'c3' });
    await refreshed;
    expect(history.operations().map((op) => op.id)).toEqual(['c', 'b', 'a']);
    expect(history.nextCursor()).toBe('c2');
  });

  it('changes nothing shown when a refresh brings nothing new', async () => {
    const page = { items: [anOperation({ id: 'b', createdAt: at(8) }), anOperation({ id: 'a', createdAt: at(7) })], nextCursor: null };
    const loaded = history.open({ appId: '', state: '' });
    backend.expectOne('/api/v1/operations?limit=25').flush(page);
    await loaded;
    const shown = history.operations();
    const refreshed = history.refresh();
    backend.expectOne('/api/v1/operations?limit=25').flush(JSON.parse(JSON.stringify(page)));
    await refreshed;
    expect(history.operations()).toBe(shown);
  });

  it('restarts from the fresh first page when it does not reach what was listed (no hole is shown)', async () => {
    const loaded = history.open({ appId: '', state: '' });
    backend.expectOne('/api/v1/operations?limit=25').flush({ items: [anOperation({ id: 'old', createdAt: at(5) })], nextCursor: 'c1' });
    await loaded;
    const refreshed = history.refresh();
    backend.expectOne('/api/v1/operations?limit=25').flush({ items: [anOperation({ id: 'new', createdAt: at(9) })], nextCursor: 'c9' });
    await refreshed;
    expect(history.operations().map((op) => op.id)).toEqual(['new']);
    expect(history.nextCursor()).toBe('c9');
  });

  it('loads other filters afresh, with a loading state', async () => {
    const loaded = history.open({ appId: '', state: '' });
    backend.expectOne('/api/v1/operations?limit=25').flush({ items: [anOperation({ id: 'a' })], nextCursor: null });
    await loaded;
    const failed = history.open({ appId: '', state: 'failed' });
    expect(history.state()).toBe('loading');
    backend.expectOne('/api/v1/operations?state=failed&limit=25').flush({ items: [], nextCursor: null });
    await failed;
    expect(history.operations()).toEqual([]);
  });

  it('drops the answer for filters that were changed meanwhile', async () => {
    const first = history.load({ appId: '', state: 'running' });
    const second = history.load({ appId: '', state: 'failed' });
    const requests = backend.match(() => true);
    requests[1].flush({ items: [anOperation({ id: 'failed-1', state: 'failed' })], nextCursor: null });
    requests[0].flush({ items: [anOperation({ id: 'running-1', state: 'running' })], nextCursor: null });
    await Promise.all([first, second]);
    expect(history.filters().state).toBe('failed');
    expect(history.operations().map((op) => op.id)).toEqual(['failed-1']);
  });
});
