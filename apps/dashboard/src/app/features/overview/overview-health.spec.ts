import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { anApp, anOperation, AppsStore, OperationsStore } from '@proxdeck/dashboard-data-access';
import type { NodeDto } from '@proxdeck/shared-contracts';
import { OverviewPage } from './overview.page';

const GB = 1024 ** 3;
const aNode = (overrides: Partial<NodeDto> = {}): NodeDto => ({
  name: 'pve1',
  status: 'online',
  cpu: 0.3,
  memory: { used: 6 * GB, total: 16 * GB },
  disk: { used: 1, total: 2 },
  uptime: 60,
  apps: 1,
  ...overrides,
});

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

function render() {
  TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(OverviewPage);
  fixture.detectChanges();
  backend.expectOne('/api/v1/operations?limit=10').flush({ items: [], nextCursor: null });
  return { fixture, backend, root: fixture.nativeElement as HTMLElement };
}

describe('OverviewPage: cluster health and what needs attention', () => {
  it('shows nodes online and the memory and CPU use of the online ones', async () => {
    const { fixture, backend, root } = render();
    backend.expectOne('/api/v1/nodes').flush([aNode(), aNode({ name: 'pve2', cpu: 0.5, memory: { used: 2 * GB, total: 16 * GB } }), aNode({ name: 'pve3', status: 'offline' })]);
    backend.expectOne('/api/v1/operations?state=failed&limit=20').flush({ items: [], nextCursor: null });
    await settle(fixture);
    expect(root.querySelector('.tile__value')?.textContent).toBe('2/3');
    expect(root.querySelector('.tile')?.getAttribute('data-state')).toBe('degraded');
    expect(root.querySelector('[aria-label="Cluster memory"]')?.getAttribute('aria-valuetext')).toBe('25%, 8.0 GB of 32 GB');
    expect(root.querySelector('[aria-label="Cluster CPU"]')?.getAttribute('aria-valuenow')).toBe('40');
    expect(root.textContent).toContain('Nothing needs attention');
    backend.verify();
  });

  it('lists broken apps, recent failures and updates, each with a way to act', async () => {
    const { fixture, backend, root } = render();
    const apps = TestBed.inject(AppsStore);
    apps.upsert(anApp({ id: 'a1', hostname: 'db', status: 'error', statusReason: 'health check failed' }));
    apps.upsert(anApp({ id: 'a2', hostname: 'web', version: '1.27', latestVersion: '1.28' }));
    backend.expectOne('/api/v1/nodes').flush([aNode()]);
    const recentFailure = anOperation({ id: 'f1', type: 'backup', state: 'failed', appId: 'a1', appHostname: 'db', error: 'Storage is full.', createdAt: new Date().toISOString(), finishedAt: new Date().toISOString() });
    backend.expectOne('/api/v1/operations?state=failed&limit=20').flush({ items: [recentFailure], nextCursor: null });
    await settle(fixture);

    const items = [...root.querySelectorAll('.item')];
    expect(items.map((li) => li.querySelector('.message')?.textContent)).toEqual([
      'The backup of db failed: Storage is full.',
      'db is in error: health check failed',
      'web can be updated from 1.27 to 1.28.',
    ]);
    expect(items[0].querySelector('a')?.getAttribute('href')).toBe('/operations?state=failed&appId=a1');
    expect(items[2].querySelector('a')?.getAttribute('href')).toBe('/apps/a2');

    // A fixed app leaves the list as soon as its event arrives.
    TestBed.inject(OperationsStore).apply({ type: 'operation.updated', operation: anOperation({ id: 'f2', state: 'running', appId: 'a1' }) });
    apps.upsert(anApp({ id: 'a1', hostname: 'db', status: 'running', updatedAt: '2026-11-24T00:00:00.000Z' }));
    await settle(fixture);
    expect(root.querySelectorAll('.item')).toHaveLength(2);
  });

  it('says when the cluster cannot be read, and tries again', async () => {
    const { fixture, backend, root } = render();
    backend.expectOne('/api/v1/nodes').flush({ type: 'about:blank', title: 'Proxmox unreachable', status: 503, detail: '', code: 'PROXMOX_UNREACHABLE' }, { status: 503, statusText: 'Unavailable' });
    backend.expectOne('/api/v1/operations?state=failed&limit=20').flush({ items: [], nextCursor: null });
    await settle(fixture);
    const alert = [...root.querySelectorAll('[role="alert"]')].find((el) => el.textContent?.includes('The cluster could not be read'));
    expect(alert?.textContent).toContain('Proxmox unreachable');
    alert?.querySelector('button')?.click();
    backend.expectOne('/api/v1/nodes').flush([aNode()]);
    await settle(fixture);
    expect(root.querySelector('.tile__value')?.textContent).toBe('1/1');
  });
});
