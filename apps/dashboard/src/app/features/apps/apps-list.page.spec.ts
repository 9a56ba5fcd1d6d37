import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { anApp, AppsStore } from '@proxdeck/dashboard-data-access';
import type { AppDto } from '@proxdeck/shared-contracts';
import { AppsListPage } from './apps-list.page';

/** 120 apps, app-0 … app-119, created in an order unlike their hostnames. */
function manyApps(count = 120): AppDto[] {
  return Array.from({ length: count }, (_, i) =>
    anApp({
      id: `app-${i}`,
      hostname: `web-${i}`,
      name: i % 2 ? 'nginx' : 'whoami',
      status: i % 10 === 0 ? 'stopped' : 'running',
      createdAt: new Date(Date.UTC(2026, 10, 23, 0, (i * 37) % 120)).toISOString(),
    }),
  );
}

describe('AppsListPage', () => {
  async function render(apps: AppDto[], url = '/apps') {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'apps', component: AppsListPage }], withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    const store = TestBed.inject(AppsStore);
    const loaded = store.load();
    TestBed.inject(HttpTestingController).expectOne('/api/v1/apps').flush({ items: apps, nextCursor: null });
    await loaded;
    const harness = await RouterTestingHarness.create(url);
    const root = harness.routeNativeElement as HTMLElement;
    const router = TestBed.inject(Router);
    const settle = async () => {
      await new Promise((resolve) => setTimeout(resolve));
      await harness.fixture.whenStable();
    };
    return { harness, root, store, router, settle };
  }

  const hostnames = (root: HTMLElement) => [...root.querySelectorAll('tbody tr th a')].map((a) => a.textContent?.trim());
  const range = (root: HTMLElement) => root.querySelector('pd-pager [aria-live="polite"]')?.textContent?.trim();
  const button = (root: HTMLElement, label: string) => root.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);

  async function type(root: HTMLElement, settle: () => Promise<void>, value: string): Promise<void> {
    const input = root.querySelector<HTMLInputElement>('#filter-apps');
    if (!input) throw new Error('no filter box');
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle();
  }

  it('lists each app by hostname with a link to its page and its live status', async () => {
    const { harness, root, store } = await render([anApp(), anApp({ id: 'app-2', hostname: 'db-1', status: 'stopped', ip: null, createdAt: '2026-11-23T09:00:00.000Z' })]);
    const rows = [...root.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(2);
    expect(hostnames(root)).toEqual(['db-1', 'web-1']);
    expect(rows[1].querySelector('a')?.getAttribute('href')).toBe('/apps/app-1');
    expect(rows.map((row) => row.querySelector('[role="status"]')?.textContent?.trim())).toEqual(['stopped', 'running']);
    expect(rows[0].textContent).toContain('—');

    store.apply({ type: 'app.updated', app: anApp({ status: 'stopped', updatedAt: '2026-11-23T12:00:00.000Z' }) });
    await harness.fixture.whenStable();
    expect(root.querySelector('tbody tr:nth-child(2) [role="status"]')?.textContent?.trim()).toBe('stopped');
  });

  it('shows 50 apps a page in natural hostname order, and Next moves to ?page=2', async () => {
    const { root, router, settle } = await render(manyApps());
    expect(hostnames(root)).toHaveLength(50);
    expect(hostnames(root).slice(0, 3)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(hostnames(root).at(-1)).toBe('web-49');
    expect(range(root)).toBe('1–50 of 120');
    expect(button(root, 'Previous page')?.disabled).toBe(true);

    button(root, 'Next page')?.click();
    await settle();
    expect(router.url).toBe('/apps?page=2');
    expect(hostnames(root)[0]).toBe('web-50');
    expect(range(root)).toBe('51–100 of 120');
    expect(button(root, 'Previous page')?.disabled).toBe(false);
  });

  it('opens the page the URL names (reload, back and forward), the last one with Next disabled', async () => {
    const { harness, root, router, settle } = await render(manyApps(), '/apps?page=3');
    expect(hostnames(root)).toHaveLength(20);
    expect(hostnames(root)[0]).toBe('web-100');
    expect(range(root)).toBe('101–120 of 120');
    expect(button(root, 'Next page')?.disabled).toBe(true);

    await harness.navigateByUrl('/apps?page=2');
    expect(hostnames(root)[0]).toBe('web-50');
    button(root, 'Previous page')?.click();
    await settle();
    expect(router.url).toBe('/apps');
    expect(hostnames(root)[0]).toBe('web-0');
  });

  it('keeps live status updates flowing to the rows of a later page', async () => {
    const { harness, root, store } = await render(manyApps(), '/apps?page=2');
    const row = () => [...root.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th')?.textContent?.trim() === 'web-55');
    expect(row()?.querySelector('[role="status"]')?.textContent?.trim()).toBe('running');
    store.apply({ type: 'app.updated', app: { ...manyApps()[55], status: 'stopped', updatedAt: '2026-11-24T00:00:00.000Z' } });
    await harness.fixture.whenStable();
    expect(row()?.querySelector('[role="status"]')?.textContent?.trim()).toBe('stopped');
  });

  it('filters by hostname or app name and by status, back on page 1, with the filter in the URL', async () => {
    const { root, router, settle } = await render(manyApps(), '/apps?page=2');
    expect(root.querySelector('label[for="filter-apps"]')?.textContent?.trim()).toBe('Filter apps');

    await type(root, settle, 'WEB-11');
    expect(hostnames(root)).toEqual(['web-11', 'web-110', 'web-111', 'web-112', 'web-113', 'web-114', 'web-115', 'web-116', 'web-117', 'web-118', 'web-119']);
    expect(range(root)).toBe('1–11 of 11');
    expect(router.url).toBe('/apps?q=WEB-11');

    await type(root, settle, 'whoami');
    expect(range(root)).toBe('1–50 of 60');

    const status = root.querySelector<HTMLSelectElement>('#filter-status');
    if (!status) throw new Error('no status filter');
    status.value = 'stopped';
    status.dispatchEvent(new Event('change'));
    await settle();
    // Every tenth app is stopped, and all of those are even, so whoami.
    expect(hostnames(root)).toEqual(['web-0', 'web-10', 'web-20', 'web-30', 'web-40', 'web-50', 'web-60', 'web-70', 'web-80', 'web-90', 'web-100', 'web-110']);
    expect(router.url).toBe('/apps?q=whoami&status=stopped');
  });

  it('says when nothing matches and clears the filters on request', async () => {
    const { root, router, settle } = await render(manyApps(), '/apps?q=nothing-like-this&status=error');
    expect((root.querySelector('#filter-apps') as HTMLInputElement).value).toBe('nothing-like-this');
    expect(root.textContent).toContain('No app matches');
    expect(root.querySelector('table')).toBeNull();

    [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === 'Clear filters')?.click();
    await settle();
    expect(router.url).toBe('/apps');
    expect(hostnames(root)).toHaveLength(50);
    expect((root.querySelector('#filter-apps') as HTMLInputElement).value).toBe('');
  });

  it('points to the catalog when there is nothing yet', async () => {
    const { root } = await render([]);
    expect(root.textContent).toContain('No apps yet');
    expect([...root.querySelectorAll('a')].some((a) => a.textContent?.trim() === 'Browse the catalog')).toBe(true);
  });
});
