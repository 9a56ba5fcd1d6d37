import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { CatalogSource } from '@proxdeck/shared-contracts';
import type { CatalogEntry } from './catalog-entry.schema';
import { BundledCatalogError, bundledCatalogDir, bundledIconsDir } from './bundled-catalog';
import { catalogIconsDir, loadCatalogDir } from './catalog-dir.loader';

/** One entry of the merged catalog with where it came from (the gateway shows it; icons are served from there). */
export interface LoadedCatalogEntry {
  entry: CatalogEntry;
  source: CatalogSource;
  /** The entries directory the file was read from. */
  dir: string;
  /** Absolute path of the icon file, or null when that catalog has no icons directory. */
  iconPath: string | null;
}

export interface LoadCatalogOptions {
  /** The bundled entries directory (config `bundledCatalogDir`); found by walking up from here when absent. */
  bundledDir?: string;
  /** Directories of user entries (config `catalogDirs`, from PROXDECK_CATALOG_DIRS), in priority order. */
  userDirs: readonly string[];
}

export interface LoadedCatalog {
  entries: LoadedCatalogEntry[];
  /** Problems in user directories, one line each naming file and field; those entries were skipped. */
  errors: string[];
}

/**
 * The catalog the gateway and the worker both use: the bundled entries (any invalid one throws
 * BundledCatalogError: that is a bug in Proxdeck) then each user directory. An invalid user entry is
 * reported and skipped so one typo does not hide the rest, and a user entry may not replace a bundled
 * one (or one from an earlier user directory): that would silently change what existing apps run.
 */
export function loadCatalog(options: LoadCatalogOptions): LoadedCatalog {
  const bundled = bundledCatalogDir({ dir: options.bundledDir });
  const bundledResult = loadCatalogDir(bundled, { iconsDir: bundledIconsDir(bundled) });
  if (bundledResult.errors.length > 0) {
    throw new BundledCatalogError(`the bundled catalog in ${bundled} has ${bundledResult.errors.length} error(s)`, bundledResult.errors);
  }
  const entries: LoadedCatalogEntry[] = bundledResult.entries.map((entry) => ({
    entry, source: 'bundled', dir: bundled, iconPath: join(bundledIconsDir(bundled), entry.icon),
  }));
  const owners = new Map(entries.map((e) => [e.entry.id, e]));
  const errors: string[] = [];
  for (const userDir of options.userDirs) {
    const dir = resolve(userDir);
    const result = loadCatalogDir(dir, { checkBacktracking: true });
    errors.push(...result.errors.map((error) => (isAbsolute(error) ? error : join(dir, error))));
    const iconsDir = catalogIconsDir(dir);
    for (const entry of result.entries) {
      const owner = owners.get(entry.id);
      if (owner) {
        const where = owner.source === 'bundled' ? 'a bundled entry' : `already defined in ${owner.dir}`;
        errors.push(`${entryFile(dir, entry.id)}: id: "${entry.id}" is ${where}; user catalogs cannot replace it (choose another id)`);
        continue;
      }
      const loaded: LoadedCatalogEntry = { entry, source: 'user', dir, iconPath: iconsDir === null ? null : join(iconsDir, entry.icon) };
      owners.set(entry.id, loaded);
      entries.push(loaded);
    }
  }
  return { entries, errors };
}

/** The file an entry was read from (parsing requires it to be named after the id). */
function entryFile(dir: string, id: string): string {
  const yml = join(dir, `${id}.yml`);
  return existsSync(yml) && !existsSync(join(dir, `${id}.yaml`)) ? yml : join(dir, `${id}.yaml`);
}
