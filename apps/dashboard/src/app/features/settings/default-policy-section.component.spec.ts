import { TestBed } from '@angular/core/testing';
import { SessionStore } from '@proxdeck/dashboard-data-access';
import { DEFAULT_APP_POLICY } from '@proxdeck/shared-contracts';
import { DefaultPolicySectionComponent } from './default-policy-section.component';
import { someSettings } from './settings.fixture';
import { settle, signedInAs, submit, type, validationProblem } from './settings.testing';

async function render() {
  const backend = await signedInAs('admin');
  const fixture = TestBed.createComponent(DefaultPolicySectionComponent);
  fixture.componentRef.setInput('settings', someSettings());
  await settle(fixture);
  return { backend, fixture, root: fixture.nativeElement as HTMLElement };
}

describe('DefaultPolicySectionComponent', () => {
  afterEach(() => TestBed.inject(SessionStore).clear());

  it('shows the saved default policy and saves a change as defaultPolicy of the settings', async () => {
    const { backend, fixture, root } = await render();
    expect(root.querySelector('h2')?.textContent).toContain('Default backups and updates');
    expect(root.querySelector<HTMLInputElement>('#policy-schedule')?.value).toBe('0 3 * * *');

    type(root, '#policy-keepLast', '14');
    submit(root, 'form');
    const request = backend.expectOne('/api/v1/settings');
    expect(request.request.method).toBe('PUT');
    const saved = { ...DEFAULT_APP_POLICY, backup: { ...DEFAULT_APP_POLICY.backup, keepLast: 14 } };
    expect(request.request.body).toEqual({ defaultPolicy: saved });
    request.flush(someSettings({ defaultPolicy: saved }));
    await settle(fixture);
    expect(root.querySelector<HTMLInputElement>('#policy-keepLast')?.value).toBe('14');
  });

  it('shows a refused field next to it, without the defaultPolicy. prefix of the answer', async () => {
    const { backend, fixture, root } = await render();
    type(root, '#policy-schedule', 'every night');
    submit(root, 'form');
    backend.expectOne('/api/v1/settings').flush(validationProblem({ 'defaultPolicy.backup.schedule': 'Use five cron fields.' }), { status: 400, statusText: 'Bad Request' });
    await settle(fixture);
    expect(root.querySelector('#policy-schedule')?.getAttribute('aria-invalid')).toBe('true');
    expect(root.textContent).toContain('Use five cron fields.');
  });
});
