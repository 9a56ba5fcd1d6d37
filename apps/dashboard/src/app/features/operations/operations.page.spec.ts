import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { anApp, anOperation, AppsStore, OperationsStore } from '@proxdeck/dashboard-data-access';
import { OperationsPage } from './operations.page';

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

function render(inputs: Record<string, string> = {}) {
  TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
  const backend = TestBed.inject(HttpTestingController);
  TestBed.inject(AppsStore).upsert(anApp({ id: 'app-1', hostname: 'web-1' }));
  const fixture = TestBed.createComponent(OperationsPage);
  for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
  fixture.detectChanges();
  return { fixture, backend, root: fixture.nativeElement as HTMLElement };
}

const at = (hour: number) => `2026-11-23T${String(hour).padStart(2, '0')}:00:00.000Z`;
const rowsOf = (root: HTMLElement) => [...root.querySelectorAll('tbody tr:not(.log-row)')].map((tr) => tr.querySelector('td')?.textContent?.trim());

describe('OperationsPage', () => {
  it('lists operations with live progress, pages with "Load more", and links each app', async () => {
    const { fixture, backend, root } = render();
    backend.expectOne('/api/v1/operations?limit=25').flush({
      items: [anOperation({ id: 'op-2', type: 'stop', state: 'running', progress: 30, createdAt: at(9) }), anOperation({ createdAt: at(8) })],
      nextCursor: 'next-1',
    });
    await settle(fixture);
    expect(rowsOf(root)).toEqual(['stop', 'deploy']);
    expect(root.querySelector('tbody a')?.getAttribute('href')).toBe('/apps/app-1');
    const progress = root.querySelector('[role="progressbar"][aria-label="Progress of stop of web-1"]');
    expect(progress?.getAttribute('aria-valuenow')).toBe('30');

    TestBed.inject(OperationsStore).apply({ type: 'operation.updated', operation: anOperation({ id: 'op-2', type: 'stop', state: 'running', progress: 80, createdAt: at(9) }) });
    await settle(fixture);
    expect(progress?.getAttribute('aria-valuenow')).toBe('80');

    [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === 'Load more')?.click();
    backend.expectOne('/api/v1/operations?limit=25&cursor=next-1').flush({ items: [anOperation({ id: 'op-0', type: 'start', createdAt: at(7) })], nextCursor: null });
    await settle(fixture);
    expect(rowsOf(root)).toEqual(['stop', 'deploy', 'start']);
    expect(root.textContent).not.toContain('Load more');
    backend.verify();
  });

  it('shows the operations it holds at once on a revisit, without a loading state, and refreshes them in the background', async () => {
    const { fixture, backend } = render();
    backend.expectOne('/api/v1/operations?limit=25').flush({ items: [anOperation({ id: 'op-1', createdAt: at(8) })], nextCursor: null });
    await settle(fixture);
    fixture.destroy();

    const again = TestBed.createComponent(OperationsPage);
    const root = again.nativeElement as HTMLElement;
    again.detectChanges();
    expect(root.textContent).not.toContain('Loading operations');
    expect(rowsOf(root)).toEqual(['deploy']);

    await settle(again);
    backend.expectOne('/api/v1/operations?limit=25').flush({
      items: [anOperation({ id: 'op-2', type: 'stop', createdAt: at(9) }), anOperation({ id: 'op-1', createdAt: at(8) })],
      nextCursor: null,
    });
    await settle(again);
    expect(rowsOf(root)).toEqual(['stop', 'deploy']);
    backend.verify();
  });

  it('filters by state and app from the URL and when changed, and says when nothing matches', async () => {
    const { fixture, backend, root } = render({ state: 'failed' });
    backend.expectOne('/api/v1/operations?state=failed&limit=25').flush({ items: [], nextCursor: null });
    await settle(fixture);
    expect(root.textContent).toContain('No operation matches');
    expect(root.querySelector<HTMLSelectElement>('#filter-state')?.value).toBe('failed');

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const appSelect = root.querySelector<HTMLSelectElement>('#filter-app');
    if (!appSelect) throw new Error('no app filter');
    appSelect.value = 'app-1';
    appSelect.dispatchEvent(new Event('change'));
    backend.expectOne('/api/v1/operations?appId=app-1&state=failed&limit=25').flush({ items: [anOperation({ state: 'failed', error: 'Storage is full.' })], nextCursor: null });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith([], { queryParams: { state: 'failed', appId: 'app-1' }, queryParamsHandling: 'merge', replaceUrl: true });
    expect(rowsOf(root)).toEqual(['deploy']);
  });

  it('follows the URL when back or forward changes the filters', async () => {
    const { fixture, backend } = render({ state: 'failed' });
    backend.expectOne('/api/v1/operations?state=failed&limit=25').flush({ items: [], nextCursor: null });
    await settle(fixture);
    fixture.componentRef.setInput('state', 'running');
    fixture.detectChanges();
    backend.expectOne('/api/v1/operations?state=running&limit=25').flush({ items: [], nextCursor: null });
    fixture.detectChanges();
    backend.verify();
  });

  it("opens an operation's log, with the lines that arrive live", async () => {
    const { fixture, backend, root } = render();
    backend.expectOne('/api/v1/operations?limit=25').flush({ items: [anOperation({ state: 'failed', error: 'Storage is full.' })], nextCursor: null });
    await settle(fixture);
    const button = root.querySelector<HTMLButtonElement>('button[aria-label="Log of deploy of web-1"]');
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    button?.click();
    await settle(fixture);
    backend.expectOne('/api/v1/operations/op-1/logs').flush([{ at: at(10), level: 'info', message: 'reserving vmid' }]);
    await settle(fixture);
    expect(button?.getAttribute('aria-expanded')).toBe('true');
    expect(root.querySelector('.log-row .pd-alert')?.textContent).toContain('Storage is full.');

    TestBed.inject(OperationsStore).apply({ type: 'operation.updated', operation: anOperation({ state: 'failed' }), log: { at: at(11), level: 'error', message: 'storage full' } });
    await settle(fixture);
    const log = root.querySelector('[role="log"][aria-label="Log of deploy of web-1"]');
    expect([...(log?.querySelectorAll('.message') ?? [])].map((m) => m.textContent)).toEqual(['reserving vmid', 'storage full']);
  });

  it('offers to try again when the history cannot be read', async () => {
    const { fixture, backend, root } = render();
    backend.expectOne('/api/v1/operations?limit=25').flush({ type: 'about:blank', title: 'Internal error', status: 500, detail: '', code: 'INTERNAL_ERROR' }, { status: 500, statusText: 'Error' });
    await settle(fixture);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('Internal error');
    root.querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    backend.expectOne('/api/v1/operations?limit=25').flush({ items: [], nextCursor: null });
    await settle(fixture);
    expect(root.textContent).toContain('Nothing has happened yet');
  });
});
