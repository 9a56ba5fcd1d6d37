import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { BundledCatalogError } from './bundled-catalog';
import { uptimeKumaEntryData } from './catalog-entry.fixture';
import { loadCatalog } from './catalog-loader';

/** Writes entries (and their icons) into `<root>/<name>/`, icons in `icons/` inside it or beside `entries/`. */
function writeCatalog(dir: string, entries: Record<string, unknown>[], iconsDir = join(dir, 'icons')): string {
  mkdirSync(dir, { recursive: true });
  mkdirSync(iconsDir, { recursive: true });
  for (const data of entries) {
    writeFileSync(join(dir, `${String(data['id'])}.yaml`), stringify(data));
    writeFileSync(join(iconsDir, String(data['icon'])), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  }
  return dir;
}

function entry(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...uptimeKumaEntryData(), id, name: id, icon: `${id}.svg`, ...overrides };
}

describe('loadCatalog (bundled + PROXDECK_CATALOG_DIRS)', () => {
  let root: string;
  let bundledDir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'proxdeck-catalog-'));
    bundledDir = writeCatalog(join(root, 'catalog', 'entries'), [entry('kuma'), entry('other')], join(root, 'catalog', 'icons'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('tags bundled and user entries with their source, directory and icon path', () => {
    const user = writeCatalog(join(root, 'mine'), [entry('my-app')]);
    const { entries, errors } = loadCatalog({ bundledDir, userDirs: [user] });
    expect(errors).toEqual([]);
    expect(entries.map((e) => [e.entry.id, e.source, e.dir])).toEqual([
      ['kuma', 'bundled', bundledDir],
      ['other', 'bundled', bundledDir],
      ['my-app', 'user', user],
    ]);
    expect(entries[2].iconPath).toBe(join(user, 'icons', 'my-app.svg'));
    expect(entries[0].iconPath).toBe(join(root, 'catalog', 'icons', 'kuma.svg'));
  });

  it('skips an invalid user entry, naming file and field, and keeps the valid ones', () => {
    const user = writeCatalog(join(root, 'mine'), [entry('good'), entry('bad', { image: 'docker.io/library/nginx:latest' })]);
    const { entries, errors } = loadCatalog({ bundledDir, userDirs: [user] });
    expect(entries.map((e) => e.entry.id)).toEqual(['kuma', 'other', 'good']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${join(user, 'bad.yaml')}: image: `));
  });

  it('refuses a user entry that reuses a bundled id, and a later directory reusing an earlier one', () => {
    const first = writeCatalog(join(root, 'first'), [entry('kuma', { name: 'Impostor' }), entry('shared')]);
    const second = writeCatalog(join(root, 'second'), [entry('shared')]);
    const { entries, errors } = loadCatalog({ bundledDir, userDirs: [first, second] });
    expect(entries.map((e) => [e.entry.id, e.source])).toEqual([['kuma', 'bundled'], ['other', 'bundled'], ['shared', 'user']]);
    expect(entries[0].entry.name).toBe('kuma');
    expect(errors).toEqual([
      `${join(first, 'kuma.yaml')}: id: "kuma" is a bundled entry; user catalogs cannot replace it (choose another id)`,
      `${join(second, 'shared.yaml')}: id: "shared" is already defined in ${first}; user catalogs cannot replace it (choose another id)`,
    ]);
  });

  it('reports a missing user directory without failing', () => {
    const { entries, errors } = loadCatalog({ bundledDir, userDirs: [join(root, 'nope')] });
    expect(entries).toHaveLength(2);
    expect(errors).toEqual([`${join(root, 'nope')}: catalog directory does not exist`]);
  });

  it('throws when a bundled entry is invalid: that is a bug, not a user typo', () => {
    writeFileSync(join(bundledDir, 'broken.yaml'), 'id: broken\n');
    expect(() => loadCatalog({ bundledDir, userDirs: [] })).toThrow(BundledCatalogError);
  });
});
