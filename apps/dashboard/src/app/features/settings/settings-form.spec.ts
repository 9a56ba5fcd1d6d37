import { connectionValues, defaultsValues, fieldErrors, toConnectionRequest, toDefaultsRequest, validateConnection, validateDefaults, validateNewUser } from './settings-form';
import { someSettings } from './settings.fixture';

describe('settings form', () => {
  it("picks a group's field errors by path", () => {
    const problem = {
      type: 'about:blank',
      title: 'Invalid input',
      status: 400,
      detail: '',
      code: 'VALIDATION_FAILED' as const,
      errors: { 'proxmox.url': 'must be the Proxmox address', 'defaults.bridge': 'must be a Linux bridge name', appsDomain: 'must be a domain' },
    };
    expect(fieldErrors(problem, 'proxmox')).toEqual({ url: 'must be the Proxmox address' });
    expect(fieldErrors(problem, 'defaults')).toEqual({ bridge: 'must be a Linux bridge name' });
    expect(fieldErrors(problem)).toMatchObject({ appsDomain: 'must be a domain' });
    expect(fieldErrors(null)).toEqual({});
  });

  it('never sends an empty secret, so the saved one stays', () => {
    const values = connectionValues(someSettings());
    expect(values.tokenSecret).toBe('');
    expect(toConnectionRequest(values)).toEqual({ url: 'https://pve.lan:8006', tokenId: 'proxdeck@pve!proxdeck', verifyTls: true });
    expect(toConnectionRequest({ ...values, tokenSecret: 's3cret', url: ' https://x:8006 ' })).toMatchObject({ url: 'https://x:8006', tokenSecret: 's3cret' });
  });

  it('turns empty optional defaults into null ("choose automatically")', () => {
    const values = defaultsValues(someSettings());
    expect(values).toEqual({ storage: '', templateStorage: 'local', backupStorage: 'backups', bridge: 'vmbr0', appsDomain: '' });
    expect(toDefaultsRequest({ ...values, backupStorage: ' ', appsDomain: 'apps.lan' })).toEqual({
      defaults: { storage: null, templateStorage: 'local', backupStorage: null, bridge: 'vmbr0' },
      appsDomain: 'apps.lan',
    });
  });
});

describe('settings checks before sending', () => {
  it("names the fields the gateway would refuse, with the gateway's words", () => {
    expect(validateConnection({ url: 'pve.lan', tokenId: 'nope', tokenSecret: '', verifyTls: true })).toEqual({
      url: 'must be the Proxmox address, e.g. https://pve.example.lan:8006',
      tokenId: 'must look like user@realm!tokenname',
    });
    expect(validateConnection({ url: 'https://pve.lan:8006', tokenId: '', tokenSecret: '', verifyTls: false })).toEqual({});
    expect(validateDefaults({ storage: '', templateStorage: 'local', backupStorage: '9x', bridge: '1-bad', appsDomain: 'Apps.LAN' })).toEqual({
      backupStorage: 'must be a Proxmox storage id',
      bridge: 'must be a Linux bridge name, e.g. vmbr0',
      appsDomain: 'must be a lowercase DNS domain, e.g. apps.example.lan',
    });
    expect(validateNewUser('bad name', 'short')).toEqual({ username: 'use 1-64 letters, digits, dots, dashes or underscores', password: 'must be at least 8 characters' });
    expect(validateNewUser('alice', 'long-enough')).toEqual({});
  });
});
