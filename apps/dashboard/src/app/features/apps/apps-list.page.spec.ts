import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { anApp, AppsStore } from '@proxdeck/dashboard-data-access';
import { AppsListPage } from './apps-list.page';

describe('AppsListPage', () => {
  async function render(apps: ReturnType<typeof anApp>[]) {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    const store = TestBed.inject(AppsStore);
    const loaded = store.load();
    TestBed.inject(HttpTestingController).expectOne('/api/v1/apps').flush({ items: apps, nextCursor: null });
    await loaded;
    const fixture = TestBed.createComponent(AppsListPage);
    await fixture.whenStable();
    return { fixture, root: fixture.nativeElement as HTMLElement, store };
  }

  it('lists each app with a link to its page and its live status', async () => {
    const { fixture, root, store } = await render([anApp(), anApp({ id: 'app-2', hostname: 'db-1', status: 'stopped', ip: null, createdAt: '2026-11-23T09:00:00.000Z' })]);
    const rows = [...root.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(2);
    const link = rows[0].querySelector('a');
    expect(link?.textContent).toBe('web-1');
    expect(link?.getAttribute('href')).toBe('/apps/app-1');
    expect(rows.map((row) => row.querySelector('[role="status"]')?.textContent?.trim())).toEqual(['running', 'stopped']);
    expect(rows[1].textContent).toContain('—');

    store.apply({ type: 'app.updated', app: anApp({ status: 'stopped', updatedAt: '2026-11-23T12:00:00.000Z' }) });
    await fixture.whenStable();
    expect(root.querySelector('tbody tr [role="status"]')?.textContent?.trim()).toBe('stopped');
  });

  it('points to the catalog when there is nothing yet', async () => {
    const { root } = await render([]);
    expect(root.textContent).toContain('No apps yet');
    expect([...root.querySelectorAll('a')].some((a) => a.textContent?.trim() === 'Browse the catalog')).toBe(true);
  });
});
