import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { SESSION_HINT_STORAGE, SessionStore, aLogin, anApp, anOperation, memoryStorage } from '@proxdeck/dashboard-data-access';
import type { UserMode } from '@proxdeck/shared-contracts';
import { ConfigureFormComponent } from './configure-form.component';

describe('ConfigureFormComponent', () => {
  let fixture: ComponentFixture<ConfigureFormComponent>;
  let root: HTMLElement;
  let backend: HttpTestingController;

  async function render(mode: UserMode, app = anApp({ env: { TZ: 'UTC' }, pendingChanges: [] })): Promise<void> {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: SESSION_HINT_STORAGE, useValue: memoryStorage() }],
    });
    backend = TestBed.inject(HttpTestingController);
    const login = TestBed.inject(SessionStore).login('admin', 'secret');
    backend.expectOne('/api/v1/auth/login').flush(aLogin({ mode }));
    await login;
    fixture = TestBed.createComponent(ConfigureFormComponent);
    fixture.componentRef.setInput('app', app);
    fixture.componentRef.setInput('mayOperate', true);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  function type(id: string, value: string): void {
    const input = root.querySelector(`#${id}`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function apply(): HTMLButtonElement {
    return [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Apply changes') as HTMLButtonElement;
  }

  afterEach(() => backend.verify());

  it('keeps environment variables out of AUTO and shows them in PRO', async () => {
    await render('auto');
    expect(root.textContent).not.toContain('Environment variables');
    TestBed.resetTestingModule();
    await render('pro');
    expect(root.textContent).toContain('Environment variables');
    expect((root.querySelector('[aria-label="Value of variable 1"]') as HTMLInputElement).value).toBe('UTC');
  });

  it('refuses a smaller disk next to the field and sends nothing', async () => {
    await render('auto');
    type('configure-diskGb', '1');
    await fixture.whenStable();
    apply().click();
    await fixture.whenStable();
    expect(root.querySelector('#configure-diskGb-error')?.textContent).toBe('Disk can only grow: enter at least 4 GB.');
    backend.expectNone({ method: 'PATCH', url: '/api/v1/apps/app-1/config' });
  });

  it('sends only the changed memory, and shows what waits for a restart', async () => {
    await render('auto');
    type('configure-memoryMb', '1024');
    await fixture.whenStable();
    apply().click();
    const request = backend.expectOne({ method: 'PATCH', url: '/api/v1/apps/app-1/config' });
    expect(request.request.body).toEqual({ memoryMb: 1024 });
    request.flush({ operation: anOperation({ type: 'configure', state: 'queued' }) });
    fixture.componentRef.setInput('app', anApp({ env: { TZ: 'UTC' }, pendingChanges: ['memoryMb'] }));
    await fixture.whenStable();
    expect(root.textContent).toContain('applied at the next restart: memoryMb');
  });
});
