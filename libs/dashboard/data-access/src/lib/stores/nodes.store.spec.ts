import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { NodeDto } from '@proxdeck/shared-contracts';
import { provideStoreTesting } from '../testing/fake-event-source';
import { clusterHealth, NodesStore } from './nodes.store';

const GB = 1024 ** 3;
const node = (overrides: Partial<NodeDto> = {}): NodeDto => ({
  name: 'pve1',
  status: 'online',
  cpu: 0.2,
  memory: { used: 4 * GB, total: 16 * GB },
  disk: { used: 10 * GB, total: 100 * GB },
  uptime: 3600,
  apps: 2,
  ...overrides,
});

describe('clusterHealth', () => {
  it('counts online nodes and sums what only online nodes have', () => {
    const health = clusterHealth([
      node(),
      node({ name: 'pve2', cpu: 0.6, memory: { used: 8 * GB, total: 16 * GB } }),
      node({ name: 'pve3', status: 'offline', cpu: 0, memory: { used: 0, total: 64 * GB } }),
    ]);
    expect(health).toEqual({ online: 2, total: 3, memory: { used: 12 * GB, total: 32 * GB }, cpu: 0.4 });
  });

  it('has no CPU figure without an online node', () => {
    expect(clusterHealth([node({ status: 'offline' })]).cpu).toBeNull();
  });
});

describe('NodesStore', () => {
  let store: NodesStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: provideStoreTesting(),
    });
    store = TestBed.inject(NodesStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('loads the nodes sorted by name and takes node.updated events', async () => {
    const loaded = store.load();
    expect(store.loadState()).toBe('loading');
    backend.expectOne('/api/v1/nodes').flush([node({ name: 'pve2' }), node()]);
    await loaded;
    expect(store.nodes().map((n) => n.name)).toEqual(['pve1', 'pve2']);

    store.apply({ type: 'node.updated', node: node({ name: 'pve2', status: 'offline' }) });
    expect(store.node('pve2')?.status).toBe('offline');
    expect(store.health().online).toBe(1);
  });

  it('says why the nodes could not be read', async () => {
    const loaded = store.load();
    backend.expectOne('/api/v1/nodes').flush(
      { type: 'about:blank', title: 'Proxmox unreachable', status: 503, detail: 'Check the connection in Settings.', code: 'PROXMOX_UNREACHABLE' },
      { status: 503, statusText: 'Service Unavailable' },
    );
    await loaded;
    expect(store.loadState()).toBe('error');
    expect(store.loadError()).toBe('Proxmox unreachable: Check the connection in Settings.');
  });
});
