import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { anApp, AppsStore } from '@proxdeck/dashboard-data-access';
import type { NodeDto } from '@proxdeck/shared-contracts';
import { NodesPage } from './nodes.page';

const GB = 1024 ** 3;
const aNode = (overrides: Partial<NodeDto> = {}): NodeDto => ({
  name: 'pve1',
  status: 'online',
  cpu: 0.25,
  memory: { used: 4 * GB, total: 16 * GB },
  disk: { used: 50 * GB, total: 100 * GB },
  uptime: 2 * 86_400 + 3 * 3600,
  apps: 1,
  ...overrides,
});

/** Lets the awaited HTTP answers land, then renders. */
async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

async function render(node?: string) {
  TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(NodesPage);
  if (node) fixture.componentRef.setInput('node', node);
  return { fixture, backend, root: fixture.nativeElement as HTMLElement };
}

describe('NodesPage', () => {
  it('shows each node with its CPU, memory, disk, uptime, status and app count', async () => {
    const { fixture, backend, root } = await render();
    fixture.detectChanges();
    expect(root.textContent).toContain('Loading nodes');
    backend.expectOne('/api/v1/nodes').flush([aNode(), aNode({ name: 'pve2', status: 'offline', apps: 0 })]);
    await settle(fixture);

    const rows = [...root.querySelectorAll('tbody tr')];
    expect(rows.map((row) => row.querySelector('th')?.textContent?.trim())).toEqual(['pve1', 'pve2']);
    const memory = root.querySelector('[role="meter"][aria-label="Memory of pve1"]');
    expect(memory?.getAttribute('aria-valuetext')).toBe('25%, 4.0 GB of 16 GB');
    expect(root.querySelector('[aria-label="CPU of pve1"]')?.getAttribute('aria-valuenow')).toBe('25');
    expect(root.querySelector('[aria-label="Disk of pve1"]')?.getAttribute('aria-valuenow')).toBe('50');
    expect(rows[0].textContent).toContain('2 d 3 h');
    expect(rows[1].querySelector('.node-status')?.textContent).toBe('offline');
    expect(rows[1].textContent).not.toContain(' d ');
    backend.verify();
  });

  it("lists a node's apps when asked, and links each to its page", async () => {
    const { fixture, backend, root } = await render('pve1');
    const apps = TestBed.inject(AppsStore);
    apps.upsert(anApp({ id: 'a1', hostname: 'web-1', node: 'pve1' }));
    apps.upsert(anApp({ id: 'a2', hostname: 'db-1', node: 'pve2' }));
    apps.loadState.set('loaded');
    backend.expectOne('/api/v1/nodes').flush([aNode(), aNode({ name: 'pve2' })]);
    await settle(fixture);

    expect(root.querySelector('#node-apps-heading')?.textContent).toBe('Apps on pve1');
    const links = [...root.querySelectorAll('section a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([['web-1', '/apps/a1']]);
    expect(root.querySelector('button[aria-label="Apps on pve1"]')?.getAttribute('aria-pressed')).toBe('true');

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    root.querySelector<HTMLButtonElement>('button[aria-label="Apps on pve2"]')?.click();
    expect(navigate).toHaveBeenCalledWith([], { queryParams: { node: 'pve2' }, replaceUrl: true });
  });

  it('says when a node runs no apps', async () => {
    const { fixture, backend, root } = await render('pve2');
    TestBed.inject(AppsStore).loadState.set('loaded');
    backend.expectOne('/api/v1/nodes').flush([aNode({ name: 'pve2', apps: 0 })]);
    await settle(fixture);
    expect(root.textContent).toContain('No apps on pve2');
  });

  it('offers to try again when Proxmox cannot be read', async () => {
    const { fixture, backend, root } = await render();
    backend
      .expectOne('/api/v1/nodes')
      .flush({ type: 'about:blank', title: 'Proxmox unreachable', status: 503, detail: '', code: 'PROXMOX_UNREACHABLE' }, { status: 503, statusText: 'Unavailable' });
    await settle(fixture);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('Proxmox unreachable');
    root.querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    backend.expectOne('/api/v1/nodes').flush([]);
    await settle(fixture);
    expect(root.textContent).toContain('No nodes');
  });
});
