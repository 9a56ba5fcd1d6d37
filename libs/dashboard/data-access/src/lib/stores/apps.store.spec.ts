import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { EventStream } from '../events/event-stream.service';
import { FakeEventSource, provideStoreTesting } from '../testing/fake-event-source';
import { anApp, anOperation } from '../testing/fixtures';
import { AppsStore } from './apps.store';

describe('AppsStore', () => {
  let store: AppsStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: provideStoreTesting(),
    });
    store = TestBed.inject(AppsStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('loads every page of apps', async () => {
    const loaded = store.load();
    backend.expectOne('/api/v1/apps').flush({ items: [anApp({ id: 'a' })], nextCursor: 'c2' });
    await Promise.resolve();
    await Promise.resolve();
    backend.expectOne('/api/v1/apps?cursor=c2').flush({ items: [anApp({ id: 'b', createdAt: '2026-11-23T11:00:00.000Z' })], nextCursor: null });
    await loaded;
    expect(store.loadState()).toBe('loaded');
    expect(store.apps().map((app) => app.id)).toEqual(['b', 'a']);
  });

  it('reports a failed load in words', async () => {
    const loaded = store.load();
    backend.expectOne('/api/v1/apps').flush(
      { type: 'about:blank', title: 'Proxmox unreachable', status: 503, detail: 'Check the connection settings.', code: 'PROXMOX_UNREACHABLE' },
      { status: 503, statusText: 'Service Unavailable' },
    );
    await loaded;
    expect(store.loadState()).toBe('error');
    expect(store.loadError()).toBe('Proxmox unreachable: Check the connection settings.');
  });

  it('applies app.updated, keeping the newer snapshot', () => {
    store.apply({ type: 'app.updated', app: anApp({ status: 'provisioning', updatedAt: '2026-11-23T10:00:05.000Z' }) });
    store.apply({ type: 'app.updated', app: anApp({ status: 'running', updatedAt: '2026-11-23T10:00:09.000Z' }) });
    store.apply({ type: 'app.updated', app: anApp({ status: 'provisioning', updatedAt: '2026-11-23T10:00:07.000Z' }) });
    expect(store.app('app-1')?.status).toBe('running');
    expect(store.countsByStatus()).toMatchObject({ running: 1, provisioning: 0 });
  });

  it('removes an app on app.deleted and remembers that it is gone', () => {
    store.upsert(anApp());
    store.apply({ type: 'app.deleted', appId: 'app-1' });
    expect(store.app('app-1')).toBeUndefined();
    expect(store.isDeleted('app-1')).toBe(true);
    expect(store.apps()).toEqual([]);
  });

  it('tracks the active operation from operation.updated and clears it when it ends', () => {
    store.upsert(anApp());
    store.apply({ type: 'operation.updated', operation: anOperation({ id: 'op-9', type: 'stop', state: 'running', progress: 50 }) });
    expect(store.app('app-1')?.activeOperation).toEqual({ id: 'op-9', type: 'stop', state: 'running', progress: 50 });
    store.apply({ type: 'operation.updated', operation: anOperation({ id: 'op-9', type: 'stop', state: 'succeeded', progress: 100 }) });
    expect(store.app('app-1')?.activeOperation).toBeNull();
  });

  it('receives events from the live stream', () => {
    const stream = TestBed.inject(EventStream);
    stream.connect();
    FakeEventSource.latest().open();
    FakeEventSource.latest().emit('app.updated', { type: 'app.updated', app: anApp({ hostname: 'live-1' }) });
    expect(store.app('app-1')?.hostname).toBe('live-1');
    stream.disconnect();
  });

  it('reloads after the stream resumes from a gap', async () => {
    const loaded = store.load();
    backend.expectOne('/api/v1/apps').flush({ items: [], nextCursor: null });
    await loaded;
    const stream = TestBed.inject(EventStream);
    stream.connect();
    const source = FakeEventSource.latest();
    source.open();
    source.drop();
    source.open();
    backend.expectOne('/api/v1/apps').flush({ items: [anApp()], nextCursor: null });
    await Promise.resolve();
    stream.disconnect();
  });

  it('reloads at the next resume when the reload of a resume failed (the gateway was still going down)', async () => {
    const loaded = store.load();
    backend.expectOne('/api/v1/apps').flush({ items: [anApp({ status: 'running' })], nextCursor: null });
    await loaded;
    const stream = TestBed.inject(EventStream);
    stream.connect();
    const source = FakeEventSource.latest();
    source.open();
    source.drop();
    source.open();
    backend.expectOne('/api/v1/apps').error(new ProgressEvent('error'));
    await new Promise((resolve) => setTimeout(resolve));
    source.drop();
    source.open();
    backend.expectOne('/api/v1/apps').flush({ items: [anApp({ status: 'stopped' })], nextCursor: null });
    await new Promise((resolve) => setTimeout(resolve));
    expect(store.apps().map((app) => app.status)).toEqual(['stopped']);
    stream.disconnect();
  });
});
