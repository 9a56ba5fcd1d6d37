import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { aBackup, BackupsStore } from '@proxdeck/dashboard-data-access';
import type { BackupDto } from '@proxdeck/shared-contracts';
import { BackupsPage } from './backups.page';

@Component({ selector: 'pd-elsewhere', template: '<h1>Elsewhere</h1>' })
class ElsewherePage {}

/** 120 backups of web-0 … web-119, one a minute, the newest (web-119) first. */
function manyBackups(count = 120): BackupDto[] {
  return Array.from({ length: count }, (_, i) =>
    aBackup({
      id: `b-${i}`,
      appId: `app-${i}`,
      appHostname: `web-${i}`,
      kind: i % 3 === 0 ? 'scheduled' : 'manual',
      notes: `note ${i}`,
      createdAt: new Date(Date.UTC(2026, 10, 23, 0, i)).toISOString(),
    }),
  );
}

describe('BackupsPage', () => {
  let harness: RouterTestingHarness;
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'backups', component: BackupsPage },
            { path: 'elsewhere', component: ElsewherePage },
          ],
          withComponentInputBinding(),
        ),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => backend.verify());

  const root = () => harness.routeNativeElement as HTMLElement;
  const rows = () => [...root().querySelectorAll('tbody tr')].map((row) => row.textContent ?? '');
  const range = () => root().querySelector('pd-pager [aria-live="polite"]')?.textContent?.trim();
  const button = (label: string) => root().querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await harness.fixture.whenStable();
  }

  async function visit(url: string, backups?: BackupDto[]): Promise<void> {
    await harness.navigateByUrl(url);
    if (backups) {
      backend.expectOne('/api/v1/backups').flush({ items: backups, nextCursor: null });
      await settle();
    }
  }

  async function choose(id: string, value: string): Promise<void> {
    const select = root().querySelector(`#${id}`) as HTMLSelectElement;
    select.value = value;
    select.dispatchEvent(new Event('change'));
    await settle();
  }

  it('lists every backup, also of deleted apps, and filters by app and kind', async () => {
    await visit('/backups', [
      aBackup({ id: 'a', notes: 'web manual' }),
      aBackup({ id: 'b', kind: 'pre-update', notes: 'web before update', createdAt: '2026-11-23T12:00:00.000Z' }),
      aBackup({ id: 'c', appId: null, appHostname: 'old-db', notes: 'db nightly', kind: 'scheduled' }),
    ]);
    expect(rows()).toHaveLength(3);
    expect(rows().find((row) => row.includes('db nightly'))).toContain('(deleted)');

    await choose('filter-app', 'web-1');
    expect(rows()).toHaveLength(2);
    await choose('filter-kind', 'pre-update');
    expect(rows().map((row) => row.includes('web before update'))).toEqual([true]);
    expect(router.url).toBe('/backups?app=web-1&kind=pre-update');
  });

  it('shows 50 backups a page, newest first, paging through ?page=', async () => {
    await visit('/backups', manyBackups());
    expect(rows()).toHaveLength(50);
    expect(rows()[0]).toContain('note 119');
    expect(range()).toBe('1–50 of 120');
    expect(button('Previous page')?.disabled).toBe(true);

    button('Next page')?.click();
    await settle();
    expect(router.url).toBe('/backups?page=2');
    expect(rows()[0]).toContain('note 69');
    expect(range()).toBe('51–100 of 120');

    await harness.navigateByUrl('/backups?page=3');
    expect(rows()).toHaveLength(20);
    expect(button('Next page')?.disabled).toBe(true);
  });

  it('offers each app that has backups once, and shows the one the URL filters by', async () => {
    await visit('/backups?app=web-7', [...manyBackups(), aBackup({ id: 'again', appId: 'app-7', appHostname: 'web-7' })]);
    const select = root().querySelector('#filter-app') as HTMLSelectElement;
    expect([...select.options].slice(0, 3).map((option) => option.textContent)).toEqual(['All apps', 'web-0', 'web-1']);
    expect(select.options).toHaveLength(121);
    expect(select.value).toBe('web-7');
    expect(rows().map((row) => row.includes('note 7'))).toEqual([false, true]); // newest first

    TestBed.inject(BackupsStore).upsert(aBackup({ id: 'new', appId: 'app-new', appHostname: 'aaa-new' }));
    await settle();
    expect(select.options[1].textContent).toBe('aaa-new');
    expect(select.value).toBe('web-7');
  });

  it('takes the filters from the URL and goes back to page 1 when one changes', async () => {
    await visit('/backups?kind=scheduled&page=2', manyBackups());
    expect((root().querySelector('#filter-kind') as HTMLSelectElement).value).toBe('scheduled');
    expect(range()).toBe('1–40 of 40');

    await harness.navigateByUrl('/backups?page=2');
    expect(range()).toBe('51–100 of 120');
    await choose('filter-kind', 'manual');
    expect(router.url).toBe('/backups?kind=manual');
    expect(range()).toBe('1–50 of 80');
  });

  it('shows what the store holds at once on a second visit, without a loading state, and refreshes behind it', async () => {
    await visit('/backups', [aBackup({ id: 'a', notes: 'first' })]);
    await harness.navigateByUrl('/elsewhere');

    await harness.navigateByUrl('/backups');
    expect(root().textContent).not.toContain('Loading backups');
    expect(rows().map((row) => row.includes('first'))).toEqual([true]);

    backend.expectOne('/api/v1/backups').flush({ items: [aBackup({ id: 'a', notes: 'first' }), aBackup({ id: 'b', notes: 'second' })], nextCursor: null });
    await settle();
    expect(rows()).toHaveLength(2);
  });

  it('keeps the shown list when the refresh behind it fails', async () => {
    await visit('/backups', [aBackup({ id: 'a', notes: 'first' })]);
    await harness.navigateByUrl('/elsewhere');
    await harness.navigateByUrl('/backups');
    backend.expectOne('/api/v1/backups').flush({ title: 'Gateway unavailable' }, { status: 503, statusText: 'Service Unavailable' });
    await settle();
    expect(rows().map((row) => row.includes('first'))).toEqual([true]);
    expect(root().textContent).not.toContain('could not be loaded');
  });

  it('shows the loading state on the first visit and an error it cannot load', async () => {
    await harness.navigateByUrl('/backups');
    expect(root().textContent).toContain('Loading backups');
    backend.expectOne('/api/v1/backups').flush({ title: 'Gateway unavailable' }, { status: 503, statusText: 'Service Unavailable' });
    await settle();
    expect(root().textContent).toContain('Backups could not be loaded');
  });

  it('says so when there are none', async () => {
    await visit('/backups', []);
    expect(root().textContent).toContain('No backups yet');
  });
});
