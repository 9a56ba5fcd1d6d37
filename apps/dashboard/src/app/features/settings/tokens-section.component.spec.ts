import { TestBed } from '@angular/core/testing';
import { SessionStore } from '@proxdeck/dashboard-data-access';
import type { ApiTokenDto } from '@proxdeck/shared-contracts';
import { TokensSectionComponent } from './tokens-section.component';
import { button, choose, settle, signedInAs, submit, type, validationProblem } from './settings.testing';

const aToken = (overrides: Partial<ApiTokenDto> = {}): ApiTokenDto => ({
  id: 't1',
  name: 'ci',
  role: 'operator',
  owner: 'admin',
  expiresAt: null,
  lastUsedAt: null,
  createdAt: '2026-11-23T09:00:00.000Z',
  ...overrides,
});

async function render(role: 'admin' | 'viewer' = 'admin', tokens: ApiTokenDto[] = []) {
  const backend = await signedInAs(role);
  const fixture = TestBed.createComponent(TokensSectionComponent);
  fixture.detectChanges();
  backend.expectOne('/api/v1/tokens').flush(tokens);
  await settle(fixture);
  return { backend, fixture, root: fixture.nativeElement as HTMLElement };
}

describe('TokensSectionComponent', () => {
  afterEach(() => TestBed.inject(SessionStore).clear());

  it('creates a token and shows its secret once, with a copy button', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { backend, fixture, root } = await render();
    expect(root.textContent).toContain('No API tokens');

    type(root, '#token-name', 'ci');
    choose(root, '#token-role', 'operator');
    type(root, '#token-expiry', '30');
    submit(root, 'form.create');
    const post = backend.expectOne({ method: 'POST', url: '/api/v1/tokens' });
    expect(post.request.body).toEqual({ name: 'ci', role: 'operator', expiresInDays: 30 });
    post.flush({ token: aToken(), secret: 'pdk_secret123' });
    await settle(fixture);

    expect(root.querySelector<HTMLInputElement>('#token-secret')?.value).toBe('pdk_secret123');
    button(root, 'Copy').click();
    await settle(fixture);
    expect(writeText).toHaveBeenCalledWith('pdk_secret123');
    expect(button(root, 'Copied')).toBeTruthy();

    button(root, 'Done').click();
    await settle(fixture);
    expect(root.querySelector('#token-secret')).toBeNull();
    expect(root.textContent).not.toContain('pdk_secret123');
    expect([...root.querySelectorAll('tbody th')].map((th) => th.textContent?.trim())).toEqual(['ci']);
  });

  it('shows a refused field next to it', async () => {
    const { backend, fixture, root } = await render();
    type(root, '#token-name', 'bad/name');
    submit(root, 'form.create');
    backend.expectOne({ method: 'POST', url: '/api/v1/tokens' }).flush(validationProblem({ name: 'use 1-64 letters, digits, spaces, dots, dashes or underscores' }), {
      status: 400,
      statusText: 'Bad Request',
    });
    await settle(fixture);
    expect(root.querySelector('#token-name-error')?.textContent).toContain('use 1-64 letters');
  });

  it('offers only roles up to your own', async () => {
    const { root } = await render('viewer');
    const options = [...root.querySelectorAll<HTMLOptionElement>('#token-role option')].map((o) => o.value);
    expect(options).toEqual(['', 'viewer']);
  });

  it('deletes a token after confirming', async () => {
    const { backend, fixture, root } = await render('admin', [aToken()]);
    button(root, 'Delete token ci').click();
    await settle(fixture);
    submit(root, 'pd-confirm-dialog form');
    backend.expectOne({ method: 'DELETE', url: '/api/v1/tokens/t1' }).flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(root.textContent).toContain('No API tokens');
  });
});
