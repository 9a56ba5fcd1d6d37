import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { anApp, anOperation, AppsStore, OperationsStore } from '@proxdeck/dashboard-data-access';
import { OverviewPage } from './overview.page';

describe('OverviewPage', () => {
  it('counts apps by status and lists recent operations, live', async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const apps = TestBed.inject(AppsStore);
    apps.upsert(anApp());
    apps.upsert(anApp({ id: 'app-2', hostname: 'db-1', status: 'stopped' }));
    const fixture = TestBed.createComponent(OverviewPage);
    const root = fixture.nativeElement as HTMLElement;
    backend.expectOne('/api/v1/operations?limit=10').flush({ items: [anOperation()], nextCursor: null });
    backend.expectOne('/api/v1/nodes').flush([]);
    backend.expectOne('/api/v1/operations?state=failed&limit=20').flush({ items: [], nextCursor: null });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();

    const count = (label: string) =>
      [...root.querySelectorAll('.count')].find((el) => el.querySelector('.count__label')?.textContent === label)?.querySelector('.count__value')?.textContent;
    expect(count('total')).toBe('2');
    expect(count('running')).toBe('1');
    expect(count('stopped')).toBe('1');
    expect(root.querySelectorAll('tbody tr')).toHaveLength(1);
    expect(root.querySelector('tbody a')?.getAttribute('href')).toBe('/apps/app-1');

    TestBed.inject(OperationsStore).apply({
      type: 'operation.updated',
      operation: anOperation({ id: 'op-2', type: 'stop', createdAt: '2026-11-23T11:00:00.000Z', state: 'running' }),
    });
    await fixture.whenStable();
    expect([...root.querySelectorAll('tbody tr td:first-child')].map((td) => td.textContent?.trim())).toEqual(['stop', 'deploy']);
    backend.verify();
  });
});
