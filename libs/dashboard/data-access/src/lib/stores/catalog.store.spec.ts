import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CatalogItemDto } from '@proxdeck/shared-contracts';
import { EventStream } from '../events/event-stream.service';
import { FakeEventSource, provideStoreTesting } from '../testing/fake-event-source';
import { CatalogStore, searchCatalogItems } from './catalog.store';

function anItem(overrides: Partial<CatalogItemDto>): CatalogItemDto {
  const id = overrides.id ?? 'nginx';
  return {
    id, name: id, description: '', category: 'network', icon: `/api/v1/catalog/${id}/icon`, website: '', version: '1',
    runtime: 'oci', image: null, ports: [], volumes: [],
    resources: { min: { cores: 1, memoryMb: 128, diskGb: 1 }, default: { cores: 1, memoryMb: 128, diskGb: 1 } }, inputs: [],
    ...overrides,
  };
}

describe('CatalogStore', () => {
  let store: CatalogStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: provideStoreTesting(),
    });
    store = TestBed.inject(CatalogStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('reads every page once, however often it is asked', async () => {
    const first = store.load();
    const again = store.load();
    backend.expectOne('/api/v1/catalog').flush({ items: [anItem({ id: 'whoami' })], nextCursor: 'c1' });
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/api/v1/catalog?cursor=c1').flush({ items: [anItem({ id: 'nginx' })], nextCursor: null });
    await Promise.all([first, again]);
    await store.load();
    backend.expectNone(() => true);
    expect(store.loadState()).toBe('loaded');
    expect(store.items().map((item) => item.id)).toEqual(['nginx', 'whoami']);
    expect(store.item('whoami')?.id).toBe('whoami');
  });

  it('stays in error until reloaded by hand', async () => {
    const failed = store.load();
    backend.expectOne('/api/v1/catalog').flush({ title: 'Unavailable', status: 503, detail: 'down' }, { status: 503, statusText: 'Unavailable' });
    await failed;
    expect(store.loadState()).toBe('error');
    expect(store.loadError()).toBeTruthy();
    await store.load();
    backend.expectNone('/api/v1/catalog');

    const reloaded = store.reload();
    backend.expectOne('/api/v1/catalog').flush({ items: [anItem({})], nextCursor: null });
    await reloaded;
    expect(store.loadState()).toBe('loaded');
    expect(store.loadError()).toBeNull();
  });

  it('reads the catalog again in the background when the stream resumes (a gateway restart may change it)', async () => {
    const loaded = store.load();
    backend.expectOne('/api/v1/catalog').flush({ items: [anItem({ id: 'nginx' })], nextCursor: null });
    await loaded;
    const stream = TestBed.inject(EventStream);
    stream.connect();
    const source = FakeEventSource.latest();
    source.open();
    source.drop();
    source.open();
    expect(store.loadState()).toBe('loaded');
    backend.expectOne('/api/v1/catalog').flush({ items: [anItem({ id: 'nginx' }), anItem({ id: 'gitea' })], nextCursor: null });
    await new Promise((resolve) => setTimeout(resolve));
    expect(store.items().map((item) => item.id)).toEqual(['gitea', 'nginx']);
    stream.disconnect();
  });

  it('filters like the gateway: every word, any field, by category, name matches first', () => {
    const items = [
      anItem({ id: 'gitea', name: 'Gitea', description: 'Git hosting with a web UI', category: 'development' }),
      anItem({ id: 'nginx', name: 'nginx', description: 'Web server', category: 'network', image: 'docker.io/library/nginx:1.27' }),
      anItem({ id: 'caddy', name: 'Caddy', description: 'Web server with automatic HTTPS', category: 'network' }),
    ];
    expect(searchCatalogItems(items).map((item) => item.id)).toEqual(['caddy', 'gitea', 'nginx']);
    expect(searchCatalogItems(items, { q: 'WEB' }).map((item) => item.id)).toEqual(['caddy', 'gitea', 'nginx']);
    expect(searchCatalogItems(items, { q: 'web server' }).map((item) => item.id)).toEqual(['caddy', 'nginx']);
    expect(searchCatalogItems(items, { q: 'nginx server' }).map((item) => item.id)).toEqual(['nginx']);
    expect(searchCatalogItems(items, { q: 'git' }).map((item) => item.id)).toEqual(['gitea']);
    expect(searchCatalogItems(items, { q: 'web', category: 'development' }).map((item) => item.id)).toEqual(['gitea']);
    expect(searchCatalogItems(items, { q: 'library/nginx' }).map((item) => item.id)).toEqual(['nginx']);
    // A name match ranks above a description match.
    expect(searchCatalogItems(items, { q: 'caddy' }).map((item) => item.id)).toEqual(['caddy']);
    const ranked = [anItem({ id: 'a-app', name: 'A app', description: 'proxy' }), anItem({ id: 'z-proxy', name: 'Z proxy' })];
    expect(searchCatalogItems(ranked, { q: 'proxy' }).map((item) => item.id)).toEqual(['z-proxy', 'a-app']);
  });
});
