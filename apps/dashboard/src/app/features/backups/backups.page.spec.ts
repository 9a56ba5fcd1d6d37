import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { aBackup } from '@proxdeck/dashboard-data-access';
import { BackupsPage } from './backups.page';

describe('BackupsPage', () => {
  let fixture: ComponentFixture<BackupsPage>;
  let root: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BackupsPage);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  function rows(): string[] {
    return [...root.querySelectorAll('tbody tr')].map((row) => row.textContent ?? '');
  }

  async function choose(id: string, value: string): Promise<void> {
    const select = root.querySelector(`#${id}`) as HTMLSelectElement;
    select.value = value;
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
  }

  it('lists every backup, also of deleted apps, and filters by app and kind', async () => {
    backend.expectOne('/api/v1/backups').flush({
      items: [
        aBackup({ id: 'a', notes: 'web manual' }),
        aBackup({ id: 'b', kind: 'pre-update', notes: 'web before update', createdAt: '2026-11-23T12:00:00.000Z' }),
        aBackup({ id: 'c', appId: null, appHostname: 'old-db', notes: 'db nightly', kind: 'scheduled' }),
      ],
      nextCursor: null,
    });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(rows()).toHaveLength(3);
    expect(rows().find((row) => row.includes('db nightly'))).toContain('(deleted)');

    await choose('filter-app', 'web-1');
    expect(rows()).toHaveLength(2);
    await choose('filter-kind', 'pre-update');
    expect(rows().map((row) => row.includes('web before update'))).toEqual([true]);
  });

  it('says so when there are none', async () => {
    backend.expectOne('/api/v1/backups').flush({ items: [], nextCursor: null });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(root.textContent).toContain('No backups yet');
  });
});
