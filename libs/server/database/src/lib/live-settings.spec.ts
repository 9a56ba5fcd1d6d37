import { DEFAULT_APP_POLICY } from '@proxdeck/shared-contracts';
import type { SettingsEntity } from './entities';
import { effectiveSettings } from './live-settings';
import { SecretBox } from './secret-box';

describe('effectiveSettings', () => {
  const box = new SecretBox('unit-test-secret-0123456789abcdef0123');
  const env = {
    pve: { url: 'https://env:8006', username: 'root@pam', password: 'pw', verifyTls: true, templateStorage: 'local', bridge: 'vmbr0', storage: 'fast', network: { mode: 'dhcp' as const } },
    appsDomain: 'env.lan',
    defaultPolicy: DEFAULT_APP_POLICY,
  };
  const row = (values: SettingsEntity['values'], secret?: string): SettingsEntity =>
    ({ id: 1, values, secretsEncrypted: secret ? box.seal(JSON.stringify({ tokenSecret: secret })) : null, updatedBy: 'a', updatedAt: new Date() }) as SettingsEntity;

  it('is the environment when nothing was saved', () => {
    expect(effectiveSettings(env, null, box)).toEqual(env);
  });

  it('lays saved values over the environment; a saved token replaces the password login', () => {
    const eff = effectiveSettings(env, row({ proxmox: { url: 'https://saved:8006', tokenId: 'p@pve!t' }, defaults: { bridge: 'vmbr9' } }, 'sekret'), box);
    expect(eff.pve).toMatchObject({ url: 'https://saved:8006', tokenId: 'p@pve!t', tokenSecret: 'sekret', username: undefined, password: undefined, bridge: 'vmbr9', storage: 'fast', verifyTls: true });
    expect(eff.appsDomain).toBe('env.lan');
  });

  it('treats a saved null as "choose automatically" / "none", not as "use the environment"', () => {
    const eff = effectiveSettings(env, row({ defaults: { storage: null }, appsDomain: null }), box);
    expect(eff.pve.storage).toBeUndefined();
    expect(eff.appsDomain).toBeUndefined();
  });

  it('takes a saved static pool as the network mode (DHCP otherwise)', () => {
    const pool = { mode: 'static' as const, from: '10.0.0.50', to: '10.0.0.99', prefix: 24, gateway: '10.0.0.1' };
    expect(effectiveSettings(env, row({ defaults: { network: pool } }), box).pve.network).toEqual(pool);
    expect(effectiveSettings(env, row({ defaults: { bridge: 'vmbr1' } }), box).pve.network).toEqual({ mode: 'dhcp' });
  });
});
