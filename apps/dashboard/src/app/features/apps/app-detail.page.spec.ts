import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { aBackup, aLogin, anApp, anOperation, AppsStore, OperationsStore, SESSION_HINT_STORAGE, SessionStore } from '@proxdeck/dashboard-data-access';
import type { AppDto, OperationDto, Role } from '@proxdeck/shared-contracts';
import { AppDetailPage } from './app-detail.page';

const stopOperation = (overrides: Partial<OperationDto>) =>
  anOperation({ id: 'op-2', type: 'stop', createdAt: '2026-11-23T10:30:00.000Z', ...overrides });

describe('AppDetailPage', () => {
  let fixture: ComponentFixture<AppDetailPage>;
  let root: HTMLElement;
  let backend: HttpTestingController;

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  async function render(app: AppDto, operations: OperationDto[] = [anOperation()], role: Role = 'operator'): Promise<void> {
    const storage = new Map<string, string>();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: SESSION_HINT_STORAGE,
          useValue: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v), removeItem: (k: string) => storage.delete(k) },
        },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const login = TestBed.inject(SessionStore).login('ops', 'secret');
    backend.expectOne('/api/v1/auth/login').flush(aLogin({ role }));
    await login;
    fixture = TestBed.createComponent(AppDetailPage);
    fixture.componentRef.setInput('id', app.id);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    backend.expectOne(`/api/v1/apps/${app.id}`).flush(app);
    backend.expectOne(`/api/v1/operations?appId=${app.id}&limit=20`).flush({ items: operations, nextCursor: null });
    await settle();
    for (const operation of operations.slice(0, 1)) {
      backend.expectOne(`/api/v1/operations/${operation.id}/logs`).flush([{ at: '2026-11-23T10:00:01.000Z', level: 'info', message: 'container created' }]);
    }
    await settle();
  }

  function button(name: string): HTMLButtonElement {
    const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
    if (!found) throw new Error(`no button ${name}`);
    return found;
  }

  afterEach(() => backend.verify());

  it('shows the live status, the canvas and the actions a running app allows', async () => {
    await render(anApp());
    expect(root.querySelector('[role="status"]')?.textContent?.trim()).toBe('running');
    expect(button('Start').disabled).toBe(true);
    expect(button('Stop').disabled).toBe(false);
    expect(button('Restart').disabled).toBe(false);
    expect(button('Delete').disabled).toBe(false);
    const iframe = root.querySelector('iframe');
    expect(iframe?.getAttribute('title')).toBe('nginx canvas');
    expect(iframe?.getAttribute('src')).toBe('/apps/web-1/');
    expect(root.querySelector('[role="log"]')?.textContent).toContain('container created');
    expect(document.title).toBe('web-1 · Proxdeck');
  });

  it('stops the app and locks the buttons while the operation runs', async () => {
    await render(anApp());
    button('Stop').click();
    await fixture.whenStable();
    expect(button('Stop').disabled).toBe(true);
    backend.expectOne({ method: 'POST', url: '/api/v1/apps/app-1/stop' }).flush(
      { operation: stopOperation({ state: 'queued', progress: 0, finishedAt: null }) },
      { status: 202, statusText: 'Accepted' },
    );
    await settle();
    backend.expectOne('/api/v1/operations/op-2/logs').flush([]);
    await settle();
    expect(button('Stop').disabled).toBe(true);
    expect(button('Delete').disabled).toBe(true);
    expect(root.querySelector('[role="progressbar"]')?.getAttribute('aria-label')).toBe('Stop progress');

    TestBed.inject(AppsStore).apply({ type: 'app.updated', app: anApp({ status: 'stopped', url: '/apps/web-1/', updatedAt: '2026-11-23T11:00:00.000Z' }) });
    TestBed.inject(AppsStore).apply({ type: 'operation.updated', operation: stopOperation({ state: 'succeeded' }) });
    await fixture.whenStable();
    expect(root.querySelector('[role="status"]')?.textContent?.trim()).toBe('stopped');
    expect(button('Start').disabled).toBe(false);
    expect(root.querySelector('iframe')).toBeNull();
  });

  it('states the failure reason prominently', async () => {
    await render(anApp({ status: 'error', statusReason: 'The health check timed out after 120 s.' }), [
      anOperation({ state: 'failed', error: 'Health check failed: port 80 never answered.' }),
    ]);
    const alert = root.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Deploy failed');
    expect(alert?.textContent).toContain('Health check failed: port 80 never answered.');
  });

  it('lets a viewer look but offers no action', async () => {
    await render(anApp(), [anOperation()], 'viewer');
    for (const name of ['Stop', 'Delete', 'Clone', 'Update']) expect(() => button(name)).toThrow();
    expect(root.textContent).toContain('Read-only access');
  });

  it('keeps the reason in view when a failed deploy removed the app', async () => {
    await render(anApp({ status: 'provisioning' }), [anOperation({ state: 'running', progress: 50, finishedAt: null })]);
    const store = TestBed.inject(AppsStore);
    store.apply({ type: 'app.deleted', appId: 'app-1' });
    store.apply({
      type: 'operation.updated',
      operation: anOperation({ appId: null, state: 'failed', error: 'startup for container failed: no space left on device' }),
    });
    TestBed.inject(OperationsStore).apply({
      type: 'operation.updated',
      operation: anOperation({ appId: null, state: 'failed', error: 'startup for container failed: no space left on device' }),
    });
    await fixture.whenStable();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('no space left on device');
    expect(root.textContent).toContain('The app was removed');
  });

  it('goes to the app list once a delete is accepted', async () => {
    await render(anApp());
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    button('Delete').click();
    await fixture.whenStable();
    const input = root.querySelector<HTMLInputElement>('dialog input') as HTMLInputElement;
    input.value = 'web-1';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    button('Delete app').click();
    backend.expectOne({ method: 'DELETE', url: '/api/v1/apps/app-1' }).flush(
      { operation: anOperation({ id: 'op-3', type: 'delete', state: 'queued', createdAt: '2026-11-23T11:00:00.000Z', finishedAt: null }) },
      { status: 202, statusText: 'Accepted' },
    );
    await settle();
    backend.match('/api/v1/operations/op-3/logs').forEach((request) => request.flush([]));
    expect(navigate).toHaveBeenCalledWith(['/apps']);
  });

  it('offers rollback only while the previous version is kept, and asks before rolling back', async () => {
    const until = new Date(Date.now() + 86_400_000).toISOString();
    await render(anApp({ version: '1.27.5', previousVersion: '1.27.3', rollbackUntil: until }));
    expect(root.textContent).toContain('Updated from 1.27.3');
    button('Rollback').click();
    await fixture.whenStable();
    button('Roll back').click();
    backend.expectOne({ method: 'POST', url: '/api/v1/apps/app-1/rollback' }).flush(
      { operation: anOperation({ id: 'op-5', type: 'rollback', state: 'queued', createdAt: '2026-11-23T12:00:00.000Z', finishedAt: null }) },
      { status: 202, statusText: 'Accepted' },
    );
    await settle();
    backend.match('/api/v1/operations/op-5/logs').forEach((request) => request.flush([]));
    await settle();
    expect(root.querySelector('[role="progressbar"]')?.getAttribute('aria-label')).toBe('Rollback progress');
  });

  it('hides rollback once nothing is kept', async () => {
    await render(anApp({ previousVersion: null, rollbackUntil: null }));
    expect(() => button('Rollback')).toThrow();
  });

  it('shows the current and latest version before updating to it', async () => {
    await render(anApp({ version: '1.27.3' }));
    button('Update').click();
    await fixture.whenStable();
    backend.expectOne('/api/v1/apps/app-1/updates').flush({ current: '1.27.3', latest: '1.27.5', available: true, versions: ['1.27.5', '1.27.4'], checkedAt: null });
    await settle();
    const dialog = root.querySelector('dialog[open]') as HTMLElement;
    expect(dialog.textContent).toContain('Current version');
    expect(dialog.textContent).toContain('1.27.5');
    button('Update to 1.27.5').click();
    const request = backend.expectOne({ method: 'POST', url: '/api/v1/apps/app-1/update' });
    expect(request.request.body).toEqual({ version: '1.27.5' });
    request.flush({ operation: anOperation({ id: 'op-6', type: 'update', state: 'queued', createdAt: '2026-11-23T12:00:00.000Z', finishedAt: null }) });
    await settle();
    backend.match('/api/v1/operations/op-6/logs').forEach((r) => r.flush([]));
  });

  it('shows the app\'s backups in the Backups tab, with Back up now', async () => {
    await render(anApp());
    fixture.componentRef.setInput('tab', 'backups');
    await fixture.whenStable();
    backend.expectOne('/api/v1/apps/app-1/backups').flush({ items: [aBackup({ notes: 'before upgrade' })], nextCursor: null });
    await settle();
    expect(root.querySelector('[role="tab"][aria-selected="true"]')?.textContent?.trim()).toBe('Backups');
    expect(root.querySelector('table')?.textContent).toContain('before upgrade');
    expect(button('Back up now').disabled).toBe(false);
  });
});
