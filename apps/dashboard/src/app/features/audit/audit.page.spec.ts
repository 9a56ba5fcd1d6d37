import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { aLogin, SessionStore } from '@proxdeck/dashboard-data-access';
import type { AuditEventDto, Role } from '@proxdeck/shared-contracts';
import { AuditPage } from './audit.page';

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

const anEvent = (overrides: Partial<AuditEventDto> = {}): AuditEventDto => ({
  id: '10',
  at: '2026-11-24T10:00:00.000Z',
  actor: 'admin',
  action: 'app.deploy',
  target: 'web-1',
  details: { catalogId: 'nginx', resources: { cores: 1 } },
  ...overrides,
});

function field(root: HTMLElement, selector: string): HTMLInputElement {
  const input = root.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no field ${selector}`);
  return input;
}

async function render(role: Role) {
  TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
  const backend = TestBed.inject(HttpTestingController);
  const session = TestBed.inject(SessionStore);
  const login = session.login('admin', 'pw');
  backend.expectOne('/api/v1/auth/login').flush(aLogin({ role }));
  await login;
  const fixture = TestBed.createComponent(AuditPage);
  fixture.detectChanges();
  return { fixture, backend, root: fixture.nativeElement as HTMLElement };
}

describe('AuditPage', () => {
  afterEach(() => TestBed.inject(SessionStore).clear());

  it('shows who did what, filters by actor and action, and loads older events', async () => {
    const { fixture, backend, root } = await render('admin');
    backend.expectOne('/api/v1/audit?limit=50').flush({ items: [anEvent()], nextCursor: '10' });
    await settle(fixture);
    const cells = [...root.querySelectorAll('tbody td')].map((td) => td.textContent?.trim());
    expect(cells.slice(1)).toEqual(['admin', 'app.deploy', 'web-1', 'catalogId: nginx, resources: {"cores":1}']);

    [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === 'Load more')?.click();
    backend.expectOne('/api/v1/audit?limit=50&cursor=10').flush({ items: [anEvent({ id: '9', action: 'auth.login' })], nextCursor: null });
    await settle(fixture);
    expect(root.querySelectorAll('tbody tr')).toHaveLength(2);

    field(root, '#audit-actor').value = ' scheduler ';
    field(root, '#audit-action').value = 'backup.';
    root.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
    backend.expectOne('/api/v1/audit?limit=50&actor=scheduler&action=backup.').flush({ items: [], nextCursor: null });
    await settle(fixture);
    expect(root.textContent).toContain('No event matches');
    backend.verify();
  });

  it('tells others the log is for admins, without asking the server', async () => {
    const { fixture, backend, root } = await render('operator');
    await settle(fixture);
    expect(root.textContent).toContain('Admins only');
    backend.verify();
  });
});
