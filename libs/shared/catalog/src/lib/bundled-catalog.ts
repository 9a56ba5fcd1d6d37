import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CatalogEntry } from './catalog-entry.schema';
import { catalogIconsDir, loadCatalogDir } from './catalog-dir.loader';

/** Where the bundled entries live inside the repository. */
export const BUNDLED_CATALOG_RELATIVE_DIR = join('libs', 'shared', 'catalog', 'entries');

export interface BundledCatalogOptions {
  /**
   * Explicit entries directory. This library never reads the environment: the server config lib reads
   * `PROXDECK_BUNDLED_CATALOG_DIR` and callers pass it here (for installs where the repository layout is gone).
   */
  dir?: string;
  /**
   * Where to start looking when `dir` is not given; defaults to this module's directory and the process's
   * working directory. Each is walked up to the file-system root looking for `libs/shared/catalog/entries`.
   */
  searchFrom?: readonly string[];
}

/** Raised when the bundled catalog cannot be found or an entry in it is invalid; `errors` lists every problem. */
export class BundledCatalogError extends Error {
  constructor(
    message: string,
    readonly errors: readonly string[],
  ) {
    super(errors.length ? `${message}:\n  ${errors.join('\n  ')}` : message);
    this.name = 'BundledCatalogError';
  }
}

/**
 * The directory of the bundled entries. Works from sources (ts-jest, `__dirname` = src/lib) and from
 * webpack bundles in dist/apps/<app>/ (where `__dirname` is the dist folder): both sit under the
 * repository root, so walking up finds `libs/shared/catalog/entries`. Also accepts a `catalog/entries`
 * copy beside the bundle, for apps that ship the catalog as an asset.
 */
export function bundledCatalogDir(options: BundledCatalogOptions = {}): string {
  if (options.dir !== undefined) {
    const dir = resolve(options.dir);
    if (!isDirectory(dir)) throw new BundledCatalogError(`bundled catalog directory ${dir} does not exist`, []);
    return dir;
  }
  const starts = options.searchFrom ?? [__dirname, process.cwd()];
  const tried: string[] = [];
  for (const start of starts) {
    const asset = resolve(start, 'catalog', 'entries');
    tried.push(asset);
    if (isDirectory(asset)) return asset;
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      const candidate = join(dir, BUNDLED_CATALOG_RELATIVE_DIR);
      tried.push(candidate);
      if (isDirectory(candidate)) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  throw new BundledCatalogError(
    `bundled catalog not found (looked for ${BUNDLED_CATALOG_RELATIVE_DIR} above ${starts.join(' and ')}); pass its directory explicitly`,
    [],
  );
}

/** Loads and validates the bundled catalog; any invalid entry is a programming error, so it throws listing all of them. */
export function loadBundledCatalog(options: BundledCatalogOptions = {}): CatalogEntry[] {
  const dir = bundledCatalogDir(options);
  const { entries, errors } = loadCatalogDir(dir, { iconsDir: bundledIconsDir(dir) });
  if (errors.length > 0) {
    throw new BundledCatalogError(`the bundled catalog in ${dir} has ${errors.length} error(s)`, errors);
  }
  return entries;
}

/** The icons directory of the bundled catalog: `icons/` beside `entries/`. */
export function bundledIconsDir(entriesDir: string): string {
  return resolve(entriesDir, '..', 'icons');
}

/** Absolute path of an entry's bundled icon file (the gateway serves it at `/api/v1/catalog/<id>/icon`). */
export function bundledIconPath(entry: Pick<CatalogEntry, 'icon'>, options: BundledCatalogOptions = {}): string {
  return join(bundledIconsDir(bundledCatalogDir(options)), entry.icon);
}

/** Absolute path of an entry's icon in any catalog directory (null when that catalog has no icons directory). */
export function catalogIconPath(entriesDir: string, entry: Pick<CatalogEntry, 'icon'>): string | null {
  const iconsDir = catalogIconsDir(entriesDir);
  return iconsDir === null ? null : join(iconsDir, entry.icon);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
