import { TestBed } from '@angular/core/testing';
import { SessionStore } from '@proxdeck/dashboard-data-access';
import type { UserDto } from '@proxdeck/shared-contracts';
import { UsersSectionComponent } from './users-section.component';
import { button, choose, settle, signedInAs, submit, type, validationProblem } from './settings.testing';

const alice: UserDto = { id: 'u2', username: 'alice', role: 'viewer', mode: 'auto', createdAt: '2026-11-23T09:00:00.000Z' };

async function render() {
  const backend = await signedInAs('admin');
  const me = TestBed.inject(SessionStore).user();
  const fixture = TestBed.createComponent(UsersSectionComponent);
  fixture.detectChanges();
  backend.expectOne('/api/v1/users').flush([me, alice]);
  await settle(fixture);
  return { backend, fixture, root: fixture.nativeElement as HTMLElement };
}

const rowNames = (root: HTMLElement) => [...root.querySelectorAll('tbody th')].map((th) => th.textContent?.trim());

describe('UsersSectionComponent', () => {
  afterEach(() => TestBed.inject(SessionStore).clear());

  it('lists users; your own role cannot be changed nor your account deleted here', async () => {
    const { root } = await render();
    expect(rowNames(root)).toEqual(['admin (you)', 'alice']);
    expect(root.querySelector<HTMLSelectElement>('select[aria-label="Role of admin"]')?.disabled).toBe(true);
    expect(root.querySelector('button[aria-label="Delete admin"]')).toBeNull();
    expect(root.querySelector('button[aria-label="Delete alice"]')).not.toBeNull();
  });

  it('creates a user with a role, and shows a taken name next to the field', async () => {
    const { backend, fixture, root } = await render();
    type(root, '#new-username', 'alice');
    type(root, '#new-password', 'long-enough-password');
    choose(root, '#new-role', 'operator');
    submit(root, 'form.create');
    const taken = backend.expectOne({ method: 'POST', url: '/api/v1/users' });
    expect(taken.request.body).toEqual({ username: 'alice', password: 'long-enough-password', role: 'operator' });
    taken.flush({ ...validationProblem({ username: 'is already taken' }), status: 409, code: 'USER_EXISTS' }, { status: 409, statusText: 'Conflict' });
    await settle(fixture);
    expect(root.querySelector('#new-username-error')?.textContent).toBe('is already taken');

    type(root, '#new-username', 'bob');
    submit(root, 'form.create');
    backend.expectOne({ method: 'POST', url: '/api/v1/users' }).flush({ ...alice, id: 'u3', username: 'bob', role: 'operator' });
    await settle(fixture);
    expect(rowNames(root)).toEqual(['admin (you)', 'alice', 'bob']);
    expect(root.querySelector<HTMLInputElement>('#new-username')?.value).toBe('');
  });

  it('changes a role, and shows the old one again when the server refuses', async () => {
    const { backend, fixture, root } = await render();
    choose(root, 'select[aria-label="Role of alice"]', 'operator');
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/v1/users/u2' });
    expect(patch.request.body).toEqual({ role: 'operator' });
    patch.flush({ ...alice, role: 'operator' });
    await settle(fixture);
    expect(root.querySelector<HTMLSelectElement>('select[aria-label="Role of alice"]')?.value).toBe('operator');

    choose(root, 'select[aria-label="Role of alice"]', 'admin');
    backend
      .expectOne({ method: 'PATCH', url: '/api/v1/users/u2' })
      .flush({ type: 'about:blank', title: 'Refused', status: 422, detail: 'Not now.', code: 'USER_CHANGE_REFUSED' }, { status: 422, statusText: 'Unprocessable' });
    await settle(fixture);
    expect(root.querySelector<HTMLSelectElement>('select[aria-label="Role of alice"]')?.value).toBe('operator');
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('The role of alice was not changed. Refused: Not now.');
  });

  it('resets a password in a dialog, refusing a short one before sending', async () => {
    const { backend, fixture, root } = await render();
    button(root, 'Reset password of alice').click();
    await settle(fixture);
    type(root, '#reset-password', 'short');
    submit(root, 'pd-dialog form');
    await settle(fixture);
    backend.expectNone({ method: 'PATCH' });
    expect(root.querySelector('#reset-password-error')?.textContent).toBe('must be at least 8 characters');
    type(root, '#reset-password', 'another-password');
    submit(root, 'pd-dialog form');
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/v1/users/u2' });
    expect(patch.request.body).toEqual({ password: 'another-password' });
    patch.flush(alice);
    await settle(fixture);
    expect(root.querySelector('pd-dialog dialog')?.hasAttribute('open')).toBe(false);
  });

  it('deletes a user only after confirming', async () => {
    const { backend, fixture, root } = await render();
    button(root, 'Delete alice').click();
    await settle(fixture);
    backend.expectNone({ method: 'DELETE' });
    submit(root, 'pd-confirm-dialog form');
    backend.expectOne({ method: 'DELETE', url: '/api/v1/users/u2' }).flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(rowNames(root)).toEqual(['admin (you)']);
  });
});
