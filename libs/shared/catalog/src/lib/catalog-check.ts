import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { bundledCatalogDir, bundledIconsDir } from './bundled-catalog';
import { catalogIconsDir, loadCatalogDir } from './catalog-dir.loader';

export interface CatalogCheckOptions {
  /** The bundled entries directory; found by walking up from here when absent. */
  bundledDir?: string;
  /** Directories of user entries (PROXDECK_CATALOG_DIRS). */
  userDirs: readonly string[];
}

export interface CatalogCheckResult {
  /** Every directory checked, bundled first. */
  dirs: string[];
  /** How many entries passed. */
  valid: number;
  /** One line per problem: `<absolute file>: <field>: <message>`. */
  problems: string[];
}

/**
 * What `npm run catalog:check` runs: every entry of the bundled catalog and of each user directory
 * against the schema (pinned tags, ports, update track matching the current tag, ...), plus an icon
 * file for each and ids unique across all directories. Unlike loadCatalog it never throws: it
 * reports every problem so authors can fix them in one go.
 */
export function checkCatalog(options: CatalogCheckOptions): CatalogCheckResult {
  const bundled = bundledCatalogDir({ dir: options.bundledDir });
  const dirs = [bundled, ...options.userDirs.map((d) => resolve(d))];
  const problems: string[] = [];
  const owners = new Map<string, string>();
  let valid = 0;
  for (const dir of dirs) {
    const iconsDir = dir === bundled ? bundledIconsDir(bundled) : catalogIconsDir(dir);
    const result = loadCatalogDir(dir, { ...(iconsDir === null ? {} : { iconsDir }), checkBacktracking: true });
    problems.push(...result.errors.map((error) => (isAbsolute(error) ? error : join(dir, error))));
    for (const entry of result.entries) {
      const file = entryFile(dir, entry.id);
      const owner = owners.get(entry.id);
      if (owner !== undefined) {
        problems.push(`${file}: id: duplicate id "${entry.id}" (already defined in ${owner})`);
        continue;
      }
      if (iconsDir === null) {
        problems.push(`${file}: icon: "${entry.icon}" cannot be found: ${dir} has no icons/ directory`);
        continue;
      }
      owners.set(entry.id, file);
      valid++;
    }
  }
  return { dirs, valid, problems };
}

/** The report printed by the command: the problems, then one summary line. */
export function formatCatalogCheck(result: CatalogCheckResult): string {
  const summary = result.problems.length === 0
    ? `catalog check: ${result.valid} entries OK in ${result.dirs.join(', ')}`
    : `catalog check: ${result.problems.length} problem(s); ${result.valid} entries OK in ${result.dirs.join(', ')}`;
  return [...result.problems, summary].join('\n');
}

function entryFile(dir: string, id: string): string {
  const yml = join(dir, `${id}.yml`);
  return existsSync(yml) && !existsSync(join(dir, `${id}.yaml`)) ? yml : join(dir, `${id}.yaml`);
}
