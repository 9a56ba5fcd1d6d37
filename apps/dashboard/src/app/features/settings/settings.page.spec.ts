import { TestBed } from '@angular/core/testing';
import { SessionStore } from '@proxdeck/dashboard-data-access';
import { ThemePreference } from '@proxdeck/dashboard-ui';
import { SettingsPage } from './settings.page';
import { someSettings } from './settings.fixture';
import { button, settle, signedInAs, submit, type, validationProblem } from './settings.testing';

async function renderAsAdmin() {
  const backend = await signedInAs('admin');
  const fixture = TestBed.createComponent(SettingsPage);
  fixture.detectChanges();
  const root = fixture.nativeElement as HTMLElement;
  backend.expectOne('/api/v1/settings').flush(someSettings());
  backend.expectOne('/api/v1/users').flush([TestBed.inject(SessionStore).user()]);
  backend.expectOne('/api/v1/tokens').flush([]);
  await settle(fixture);
  return { backend, fixture, root };
}

const field = (root: HTMLElement, id: string) => root.querySelector<HTMLInputElement>(`#${id}`);

describe('SettingsPage', () => {
  afterEach(() => TestBed.inject(SessionStore).clear());

  it('shows the saved connection without its secret, only whether one is set', async () => {
    const { root } = await renderAsAdmin();
    expect(field(root, 'proxmox-url')?.value).toBe('https://pve.lan:8006');
    expect(field(root, 'proxmox-token-id')?.value).toBe('proxdeck@pve!proxdeck');
    expect(field(root, 'proxmox-token-secret')?.value).toBe('');
    expect(root.querySelector('#proxmox-token-secret-hint')?.textContent).toContain('A secret is set');
    expect(field(root, 'defaults-backup-storage')?.value).toBe('backups');
  });

  it('tests the connection as typed and shows the answer with the nodes', async () => {
    const { backend, fixture, root } = await renderAsAdmin();
    type(root, '#proxmox-url', 'https://pve2.lan:8006');
    button(root, 'Test connection').click();
    const request = backend.expectOne('/api/v1/settings/proxmox/test');
    expect(request.request.body).toEqual({ url: 'https://pve2.lan:8006', tokenId: 'proxdeck@pve!proxdeck', verifyTls: true });
    request.flush({ ok: true, message: 'Connected to Proxmox VE 9.1.4: 3 nodes', version: '9.1.4', nodes: ['pve1', 'pve2', 'pve3'] });
    await settle(fixture);
    expect(root.querySelector('.test-result')?.textContent).toContain('Connection works');
    expect(root.querySelector('.test-result')?.textContent).toContain('Nodes: pve1, pve2, pve3');

    button(root, 'Test connection').click();
    backend.expectOne('/api/v1/settings/proxmox/test').flush({ ok: false, message: 'The token was refused (401).', version: null, nodes: [] });
    await settle(fixture);
    expect(root.querySelector('.test-result')?.textContent).toContain('Connection failed');
    expect(root.querySelector('.test-result')?.textContent).toContain('The token was refused (401).');
  });

  it('names a malformed address next to its field without sending anything', async () => {
    const { backend, fixture, root } = await renderAsAdmin();
    type(root, '#proxmox-url', 'pve.lan');
    submit(root, 'pd-connection-section form');
    button(root, 'Test connection').click();
    await settle(fixture);
    backend.expectNone({ method: 'PUT', url: '/api/v1/settings' });
    backend.expectNone('/api/v1/settings/proxmox/test');
    expect(root.querySelector('#proxmox-url-error')?.textContent).toContain('must be the Proxmox address');
    expect(field(root, 'proxmox-url')?.getAttribute('aria-invalid')).toBe('true');
    expect(field(root, 'proxmox-url')?.getAttribute('aria-describedby')).toContain('proxmox-url-error');
  });

  it('saves a new secret and shows a field the server refused next to it', async () => {
    const { backend, fixture, root } = await renderAsAdmin();
    type(root, '#proxmox-token-secret', 's3cret');
    submit(root, 'pd-connection-section form');
    const refused = backend.expectOne({ method: 'PUT', url: '/api/v1/settings' });
    expect(refused.request.body).toEqual({ proxmox: { url: 'https://pve.lan:8006', tokenId: 'proxdeck@pve!proxdeck', tokenSecret: 's3cret', verifyTls: true } });
    refused.flush(validationProblem({ 'proxmox.tokenSecret': 'must be shorter than or equal to 256 characters' }), { status: 400, statusText: 'Bad Request' });
    await settle(fixture);
    expect(root.querySelector('#proxmox-token-secret-error')?.textContent).toContain('256 characters');
    expect(field(root, 'proxmox-token-secret')?.getAttribute('aria-invalid')).toBe('true');

    submit(root, 'pd-connection-section form');
    backend.expectOne({ method: 'PUT', url: '/api/v1/settings' }).flush(someSettings());
    await settle(fixture);
    expect(root.querySelector('#proxmox-token-secret-error')).toBeNull();
  });

  it('saves defaults with empty ones as "choose automatically", naming refused fields (before sending, and from the server)', async () => {
    const { backend, fixture, root } = await renderAsAdmin();
    type(root, '#defaults-bridge', '1bad');
    submit(root, 'pd-defaults-section form');
    await settle(fixture);
    backend.expectNone({ method: 'PUT', url: '/api/v1/settings' });
    expect(root.querySelector('#defaults-bridge-error')?.textContent).toContain('must be a Linux bridge name');

    type(root, '#defaults-backup-storage', '');
    type(root, '#defaults-bridge', 'vmbr1');
    type(root, '#apps-domain', 'apps.lan');
    submit(root, 'pd-defaults-section form');
    const request = backend.expectOne({ method: 'PUT', url: '/api/v1/settings' });
    expect(request.request.body).toEqual({
      defaults: { storage: null, templateStorage: 'local', backupStorage: null, bridge: 'vmbr1' },
      appsDomain: 'apps.lan',
    });
    request.flush(validationProblem({ appsDomain: 'is already used by the gateway' }), { status: 400, statusText: 'Bad Request' });
    await settle(fixture);
    expect(root.querySelector('#defaults-bridge-error')).toBeNull();
    expect(root.querySelector('#apps-domain-error')?.textContent).toBe('is already used by the gateway');
  });

  it('tells others that cluster settings are for admins and still offers tokens and theme', async () => {
    const backend = await signedInAs('operator');
    const fixture = TestBed.createComponent(SettingsPage);
    fixture.detectChanges();
    backend.expectOne('/api/v1/tokens').flush([]);
    await settle(fixture);
    const root = fixture.nativeElement as HTMLElement;
    expect(root.textContent).toContain('Admins only');
    expect(root.querySelector('#proxmox-url')).toBeNull();
    expect(root.querySelector('#users-heading')).toBeNull();

    root.querySelector<HTMLInputElement>('input[name="theme"][value="dark"]')?.click();
    expect(TestBed.inject(ThemePreference).theme()).toBe('dark');
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    TestBed.inject(ThemePreference).set('system');
    backend.verify();
  });
});
