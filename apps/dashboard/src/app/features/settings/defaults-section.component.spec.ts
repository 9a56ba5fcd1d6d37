import { TestBed } from '@angular/core/testing';
import { SessionStore } from '@proxdeck/dashboard-data-access';
import type { SettingsDto } from '@proxdeck/shared-contracts';
import { DefaultsSectionComponent } from './defaults-section.component';
import { someSettings } from './settings.fixture';
import { settle, signedInAs, submit, type, validationProblem } from './settings.testing';

const POOL = { mode: 'static' as const, from: '10.0.0.50', to: '10.0.0.99', prefix: 24, gateway: '10.0.0.1' };

async function render(settings: SettingsDto = someSettings()) {
  const backend = await signedInAs('admin');
  const fixture = TestBed.createComponent(DefaultsSectionComponent);
  fixture.componentRef.setInput('settings', settings);
  await settle(fixture);
  return { backend, fixture, root: fixture.nativeElement as HTMLElement };
}

function pick(root: HTMLElement, id: string): void {
  const radio = root.querySelector<HTMLInputElement>(`#${id}`);
  if (!radio) throw new Error(`no radio ${id}`);
  radio.click();
}

describe('DefaultsSectionComponent: network mode', () => {
  afterEach(() => TestBed.inject(SessionStore).clear());

  it('shows DHCP without pool fields, and a static pool with its fields once chosen', async () => {
    const { fixture, root } = await render();
    expect(root.querySelector<HTMLInputElement>('#network-mode-dhcp')?.checked).toBe(true);
    expect(root.querySelector('#network-from')).toBeNull();
    pick(root, 'network-mode-static');
    await settle(fixture);
    expect(root.querySelector<HTMLInputElement>('#network-prefix')?.value).toBe('24');
    expect(root.querySelector('#network-gateway')).not.toBeNull();
  });

  it("names each pool field the gateway would refuse, before sending anything", async () => {
    const { backend, fixture, root } = await render();
    pick(root, 'network-mode-static');
    await settle(fixture);
    type(root, '#network-from', '10.0.0.50');
    type(root, '#network-to', '10.0.1.10');
    type(root, '#network-prefix', '31');
    type(root, '#network-gateway', 'router');
    submit(root, 'form');
    await settle(fixture);
    backend.expectNone('/api/v1/settings');
    expect(root.querySelector('#network-prefix-error')?.textContent).toContain('from 8 to 30');
    expect(root.querySelector('#network-gateway-error')?.textContent).toContain('IPv4 address');

    type(root, '#network-prefix', '24');
    type(root, '#network-gateway', '10.0.0.1');
    submit(root, 'form');
    await settle(fixture);
    backend.expectNone('/api/v1/settings');
    expect(root.querySelector('#network-to-error')?.textContent).toContain("10.0.0.0/24, the gateway's subnet");
    expect(root.querySelector('#network-prefix-error')).toBeNull();
  });

  it('saves a static pool as defaults.network and shows what the server refused next to its field', async () => {
    const { backend, fixture, root } = await render();
    pick(root, 'network-mode-static');
    await settle(fixture);
    type(root, '#network-from', '10.0.0.50');
    type(root, '#network-to', '10.0.0.99');
    type(root, '#network-gateway', '10.0.0.1');
    submit(root, 'form');
    const request = backend.expectOne('/api/v1/settings');
    expect(request.request.body.defaults.network).toEqual(POOL);
    request.flush(validationProblem({ 'defaults.network.from': 'must be in 10.0.0.0/24' }), { status: 400, statusText: 'Bad Request' });
    await settle(fixture);
    expect(root.querySelector('#network-from')?.getAttribute('aria-invalid')).toBe('true');
    expect(root.textContent).toContain('must be in 10.0.0.0/24');
  });

  it('shows a saved pool, leaves it out of a save that does not change it, and sends DHCP when chosen again', async () => {
    const { backend, fixture, root } = await render(someSettings({ defaults: { ...someSettings().defaults, network: POOL } }));
    expect(root.querySelector<HTMLInputElement>('#network-mode-static')?.checked).toBe(true);
    expect(root.querySelector<HTMLInputElement>('#network-to')?.value).toBe('10.0.0.99');

    submit(root, 'form');
    const unchanged = backend.expectOne('/api/v1/settings');
    expect(unchanged.request.body.defaults.network).toBeUndefined();
    unchanged.flush(someSettings({ defaults: { ...someSettings().defaults, network: POOL } }));
    await settle(fixture);

    pick(root, 'network-mode-dhcp');
    await settle(fixture);
    submit(root, 'form');
    expect(backend.expectOne('/api/v1/settings').request.body.defaults.network).toEqual({ mode: 'dhcp' });
  });
});
