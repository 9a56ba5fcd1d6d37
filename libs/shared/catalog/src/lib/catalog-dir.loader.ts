import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { CATALOG_FILE_EXTENSIONS, mergeCatalogs, validateCatalogFiles, type CatalogLoadResult } from './catalog-entry.parser';
import { entryBacktrackingProblems } from './pattern-backtracking';

export interface LoadCatalogDirOptions {
  /**
   * Directory holding the entries' icon files. When given, a missing icon is an error. Defaults to
   * `dir/icons` when that exists, else (for a directory named `entries`, the bundled layout) the
   * `icons` directory beside it; otherwise icons are not checked.
   */
  iconsDir?: string;
  /**
   * Also refuse entries whose patterns backtrack catastrophically (pattern-backtracking.ts). An
   * analysis of some milliseconds per pattern: the catalog check and user directories run it; the
   * bundled catalog, which that check passed in CI, is not analysed again at every start.
   */
  checkBacktracking?: boolean;
}

/** The icons directory used for a catalog directory (see LoadCatalogDirOptions.iconsDir). */
export function catalogIconsDir(dir: string, options: LoadCatalogDirOptions = {}): string | null {
  if (options.iconsDir !== undefined) return resolve(options.iconsDir);
  const candidates = [resolve(dir, 'icons')];
  if (basename(resolve(dir)) === 'entries') candidates.push(resolve(dir, '..', 'icons'));
  for (const candidate of candidates) {
    if (isDirectory(candidate)) return candidate;
  }
  return null;
}

/**
 * Reads every `*.yaml` / `*.yml` file of `dir` (not recursive) and validates them as one catalog.
 * Never throws for bad content: problems come back in `errors`, one line each naming file and field.
 */
export function loadCatalogDir(dir: string, options: LoadCatalogDirOptions = {}): CatalogLoadResult {
  const root = resolve(dir);
  if (!isDirectory(root)) {
    return { entries: [], errors: [`${root}: catalog directory does not exist`] };
  }
  const names = readdirSync(root)
    .filter((name) => (CATALOG_FILE_EXTENSIONS as readonly string[]).includes(extname(name)))
    .filter((name) => statSync(join(root, name)).isFile())
    .sort();
  const files = names.map((fileName) => ({ fileName, text: readFileSync(join(root, fileName), 'utf8') }));
  const iconsDir = catalogIconsDir(root, options);
  const result = validateCatalogFiles(files, {
    iconExists: iconsDir === null ? undefined : (icon) => existsSync(join(iconsDir, icon)),
  });
  if (!options.checkBacktracking) return result;
  const errors = [...result.errors];
  const entries = result.entries.filter((entry) => {
    const problems = entryBacktrackingProblems(entry);
    const file = files.find((f) => f.fileName.replace(/\.ya?ml$/, '') === entry.id)?.fileName ?? `${entry.id}.yaml`;
    errors.push(...problems.map((problem) => `${file}: ${problem}`));
    return problems.length === 0;
  });
  return { entries, errors };
}

/** Loads several catalog directories (e.g. the bundled one, then `PROXDECK_CATALOG_DIRS`); ids must be unique across all. */
export function loadCatalogDirs(dirs: readonly string[]): CatalogLoadResult {
  return mergeCatalogs(dirs.map((dir) => loadCatalogDir(dir)));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
