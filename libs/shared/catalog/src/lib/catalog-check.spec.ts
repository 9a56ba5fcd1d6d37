import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { uptimeKumaEntryData } from './catalog-entry.fixture';
import { checkCatalog, formatCatalogCheck } from './catalog-check';

function entry(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...uptimeKumaEntryData(), id, name: id, icon: `${id}.svg`, ...overrides };
}

function write(dir: string, data: Record<string, unknown>, iconsDir: string | null = join(dir, 'icons')): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${String(data['id'])}.yaml`), stringify(data));
  if (iconsDir === null) return;
  mkdirSync(iconsDir, { recursive: true });
  writeFileSync(join(iconsDir, String(data['icon'])), '<svg xmlns="http://www.w3.org/2000/svg"/>');
}

describe('checkCatalog (npm run catalog:check)', () => {
  let root: string;
  let bundledDir: string;
  let bundledIcons: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'proxdeck-check-'));
    bundledDir = join(root, 'catalog', 'entries');
    bundledIcons = join(root, 'catalog', 'icons');
    write(bundledDir, entry('kuma'), bundledIcons);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('passes a clean bundled catalog and a clean user directory', () => {
    const user = join(root, 'mine');
    write(user, entry('mine'));
    const result = checkCatalog({ bundledDir, userDirs: [user] });
    expect(result).toEqual({ dirs: [bundledDir, user], valid: 2, problems: [] });
    expect(formatCatalogCheck(result)).toBe(`catalog check: 2 entries OK in ${bundledDir}, ${user}`);
  });

  it('reports every problem with file and field, bundled ones included, without throwing', () => {
    write(bundledDir, entry('floating', { image: 'docker.io/louislam/uptime-kuma:latest' }), bundledIcons);
    write(bundledDir, entry('stale', { updates: { track: '^2\\.\\d+\\.\\d+$' } }), bundledIcons);
    write(bundledDir, entry('noport', { ports: [] }), bundledIcons);
    write(bundledDir, entry('noicon'), null);
    const result = checkCatalog({ bundledDir, userDirs: [] });
    expect(result.valid).toBe(1);
    expect(result.problems).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^${join(bundledDir, 'floating.yaml')}: image: .*latest`)),
      `${join(bundledDir, 'stale.yaml')}: updates.track: "^2\\.\\d+\\.\\d+$" does not match the current tag "1.23.16"`,
      `${join(bundledDir, 'noport.yaml')}: ports: must declare at least one port`,
      `${join(bundledDir, 'noicon.yaml')}: icon: "noicon.svg" does not exist in the icons directory`,
    ]));
    expect(result.problems).toHaveLength(4);
    expect(formatCatalogCheck(result).split('\n').pop()).toBe(`catalog check: 4 problem(s); 1 entries OK in ${bundledDir}`);
  });

  it('refuses ids used twice across directories and user entries without an icons directory', () => {
    const user = join(root, 'mine');
    write(user, entry('kuma'));
    const bare = join(root, 'bare');
    write(bare, entry('lonely'), null);
    const result = checkCatalog({ bundledDir, userDirs: [user, bare, join(root, 'missing')] });
    expect(result.problems).toEqual([
      `${join(user, 'kuma.yaml')}: id: duplicate id "kuma" (already defined in ${join(bundledDir, 'kuma.yaml')})`,
      `${join(bare, 'lonely.yaml')}: icon: "lonely.svg" cannot be found: ${bare} has no icons/ directory`,
      `${join(root, 'missing')}: catalog directory does not exist`,
    ]);
    expect(result.valid).toBe(1);
  });
  it('checks entrypoint, devices and bcrypt secret references of user entries', () => {
    const user = join(root, 'mine');
    write(user, entry('good', {
      entrypoint: '/docker-entrypoint.sh run --tz {{input.timezone}}',
      devices: [{ path: '/dev/ttyUSB0' }],
      secrets: [{ key: 'admin_password', length: 24, bcrypt: true }],
      env: { PASSWORD_HASH: '{{secret.admin_password_bcrypt}}' },
    }));
    write(user, entry('badentry', { entrypoint: 'run {{secret.admin_password}}' }));
    write(user, entry('baddevice', { devices: [{ path: '/tmp/ttyUSB0' }] }));
    write(user, entry('badhash', { env: { PASSWORD_HASH: '{{secret.admin_password_bcrypt}}' } }));
    const result = checkCatalog({ bundledDir, userDirs: [user] });
    expect(result.problems).toEqual([
      expect.stringMatching(new RegExp(`^${join(user, 'baddevice.yaml')}: devices\\[0\\]\\.path: "/tmp/ttyUSB0" is not a device path`)),
      `${join(user, 'badentry.yaml')}: entrypoint: "{{secret.admin_password}}" cannot be used here; only {{input.*}} (it is kept by clone and restore)`,
      `${join(user, 'badhash.yaml')}: env.PASSWORD_HASH: "{{secret.admin_password_bcrypt}}" names no declared secret (a hash needs bcrypt: true on secret "admin_password")`,
    ]);
    expect(result.valid).toBe(2);
  });

  it('refuses a user entry whose input pattern backtracks catastrophically', () => {
    const user = join(root, 'slow');
    const data = entry('slowpattern');
    (data['inputs'] as Record<string, unknown>[]).push({ key: 'name', label: 'Name', default: 'aaa', pattern: '^(a+)+$' });
    write(user, data);
    const result = checkCatalog({ bundledDir, userDirs: [user] });
    expect(result.problems).toEqual([expect.stringMatching(new RegExp(`^${join(user, 'slowpattern.yaml')}: inputs\\[\\d+\\]\\.pattern: "\\^\\(a\\+\\)\\+\\$" backtracks catastrophically \\(exponential`))]);
    expect(result.valid).toBe(1);
  });
});
