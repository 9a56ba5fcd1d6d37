import { AppEntity, SecretBox } from '@proxdeck/server-database';
import { validateCatalogEntry, type CatalogEntry } from '@proxdeck/shared-catalog';
import { appEnvironment, containerDevices, sameEnv, tagsWithProxdeck } from './app-settings';
import { rootfsSizeGb } from './configure.processor';

const SECRET = 'unit-secret-'.padEnd(40, 'x');

function entry(runtime: 'oci' | 'template'): CatalogEntry {
  const { entry: parsed, errors } = validateCatalogEntry('wiki.yaml', {
    id: 'wiki', name: 'Wiki', description: 'A wiki.', category: 'productivity', icon: 'wiki.svg', website: 'https://wiki.example', runtime,
    ...(runtime === 'oci' ? { image: 'docker.io/example/wiki:1.0.0', updates: { track: '^1\\.\\d+\\.\\d+$' } } : { template: 'debian-12-turnkey-wiki_18.0-1_amd64.tar.gz' }),
    healthcheck: { path: '/', expect: [200], timeoutSec: 60 },
    ports: [{ port: 3000, protocol: 'http', primary: true }],
    env: runtime === 'oci' ? { BASE_URL: '{{app.url}}', TZ: '{{input.tz}}', DB_PASSWORD: '{{secret.db}}' } : {},
    inputs: [{ key: 'tz', label: 'Time zone', type: 'string', default: 'UTC' }],
    secrets: [{ key: 'db', length: 16 }],
    resources: { min: { cores: 1, memoryMb: 256, diskGb: 1 }, default: { cores: 1, memoryMb: 512, diskGb: 2 } },
  });
  if (!parsed) throw new Error(errors.join('; '));
  return parsed;
}

function app(hostname: string, envOverrides: Record<string, string> = {}): AppEntity {
  return Object.assign(new AppEntity(), {
    id: '0b7c5f1e-8a2d-4c3b-9e1f-2a3b4c5d6e7f', hostname, inputs: { tz: 'Europe/Berlin' }, envOverrides,
    secretsEncrypted: new SecretBox(SECRET).seal(JSON.stringify({ db: 'pw-1234567890' })),
  });
}

describe('appEnvironment', () => {
  it('renders the catalog env for this app (a clone gets its own hostname), with the values a person set on top', () => {
    expect(appEnvironment(entry('oci'), app('wiki-copy', { TZ: 'UTC', EXTRA: '1' }), SECRET)).toEqual({
      BASE_URL: '/apps/wiki-copy/', TZ: 'UTC', DB_PASSWORD: 'pw-1234567890', EXTRA: '1',
    });
  });

  it('gives appliance templates no environment', () => {
    expect(appEnvironment(entry('template'), app('wiki'), SECRET)).toEqual({});
  });
});

describe('sameEnv', () => {
  it('ignores order and notices added, removed and changed values', () => {
    expect(sameEnv({ A: '1', B: '2' }, { B: '2', A: '1' })).toBe(true);
    expect(sameEnv({ A: '1' }, { A: '1', B: '2' })).toBe(false);
    expect(sameEnv({ A: '1', B: '2' }, { A: '1' })).toBe(false);
    expect(sameEnv({ A: '1' }, { A: '2' })).toBe(false);
  });
});

describe('tagsWithProxdeck', () => {
  it('keeps the container\'s tags and adds proxdeck once', () => {
    expect(tagsWithProxdeck('web;Prod')).toBe('prod;proxdeck;web');
    expect(tagsWithProxdeck('proxdeck')).toBe('proxdeck');
    expect(tagsWithProxdeck(undefined)).toBe('proxdeck');
  });
});

describe('rootfsSizeGb', () => {
  it.each([
    ['local-lvm:vm-100-disk-0,size=8G', 8],
    ['local-lvm:vm-100-disk-0,size=512M', 0.5],
    ['local:100/vm-100-disk-0.raw,size=1T', 1024],
    ['local-lvm:vm-100-disk-0', null],
    [undefined, null],
  ])('reads %p as %p GB', (rootfs, gb) => expect(rootfsSizeGb(rootfs)).toBe(gb));
});

describe('containerDevices', () => {
  it('takes the passed-through devices of a config with their options, by index', () => {
    expect(containerDevices({ digest: 'x', dev0: '/dev/ttyACM0,gid=20', dev3: '/dev/dri/renderD128', mp0: 'local:1,mp=/data' })).toEqual({
      0: '/dev/ttyACM0,gid=20', 3: '/dev/dri/renderD128',
    });
    expect(containerDevices({ digest: 'x', devices: 'no' })).toBeUndefined();
  });
});
