import { ConfigError, loadConfig } from './config';

const base = { PROXDECK_SECRET: 'x'.repeat(32), PVE_TOKEN_ID: 'root@pam!proxdeck', PVE_TOKEN_SECRET: 's' };

describe('loadConfig', () => {
  it('fills defaults for a minimal environment', () => {
    const c = loadConfig(base);
    expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/proxdeck');
    expect(c.http.port).toBe(3000);
    expect(c.pve.verifyTls).toBe(true);
    expect(c.catalogDirs).toEqual([]);
  });

  it('lists every problem, each naming its variable', () => {
    try {
      loadConfig({ PROXDECK_SECRET: 'short', PORT: 'abc' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as ConfigError).message;
      expect(msg).toContain('PROXDECK_SECRET');
      expect(msg).toContain('PORT');
    }
  });

  it('requires Proxmox credentials and refuses half a token', () => {
    expect(() => loadConfig({ PROXDECK_SECRET: 'x'.repeat(32) })).toThrow(/PVE_TOKEN_ID/);
    expect(() => loadConfig({ ...base, PVE_TOKEN_SECRET: undefined })).toThrow(/set both or neither/);
  });

  it('parses booleans and colon-separated catalog dirs', () => {
    const c = loadConfig({ ...base, PVE_VERIFY_TLS: 'false', PROXDECK_CATALOG_DIRS: '/a:/b' });
    expect(c.pve.verifyTls).toBe(false);
    expect(c.catalogDirs).toEqual(['/a', '/b']);
  });
});
