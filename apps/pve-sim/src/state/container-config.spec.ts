import { configDigest, configToApi, normalizeTags, randomHwaddr, serializeConfig } from './container-config';

describe('container config', () => {
  const conf = new Map([
    ['memory', '512'],
    ['hostname', 'web'],
    ['description', 'line one\nline two'],
    ['cpulimit', '1.5'],
    ['unprivileged', '1'],
  ]);

  it('serialises like a pct config file', () => {
    expect(serializeConfig(conf)).toBe('#line one\n#line two\ncpulimit: 1.5\nhostname: web\nmemory: 512\nunprivileged: 1\n');
  });

  it('computes a SHA1 digest that changes with any write', () => {
    const digest = configDigest(conf);
    expect(digest).toMatch(/^[0-9a-f]{40}$/);
    const locked = new Map(conf);
    locked.set('lock', 'create');
    expect(configDigest(locked)).not.toBe(digest);
  });

  it('types integer keys as numbers and keeps cpulimit a string', () => {
    const api = configToApi(conf);
    expect(api).toMatchObject({ memory: 512, unprivileged: 1, cpulimit: '1.5', hostname: 'web', digest: configDigest(conf) });
  });

  it('normalises tags', () => {
    expect(normalizeTags('Proxdeck;web, web app')).toBe('app;proxdeck;web');
  });

  it('generates MACs with the Proxmox prefix', () => {
    expect(randomHwaddr(() => 0.5)).toBe('BC:24:11:80:80:80');
  });
});
