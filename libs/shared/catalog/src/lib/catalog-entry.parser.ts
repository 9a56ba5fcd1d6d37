import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { catalogEntrySchema, type CatalogEntry } from './catalog-entry.schema';

/** One catalog file as read from disk (or written inline by a test). */
export interface CatalogFile {
  /** File name as it should appear in errors, e.g. `nginx.yaml`. */
  fileName: string;
  text: string;
}

export interface CatalogLoadResult {
  entries: CatalogEntry[];
  /** One line per problem, each naming the file and field: `nginx.yaml: image: tag "latest" is not allowed; pin a version`. */
  errors: string[];
}

export const CATALOG_FILE_EXTENSIONS = ['.yaml', '.yml'] as const;

/** Turns a zod path into the field path authors see: `ports[0].port`, `env.TZ`, `resources.min.memoryMb`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

/** Messages authors can act on, instead of zod's generic "Invalid input". */
const entryErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${article(issue.expected)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((v) => String(v)).join(', ')}`;
    default:
      return undefined;
  }
};

function article(expected: string): string {
  if (expected === 'int') return 'a whole number';
  if (expected === 'array' || expected === 'object') return `an ${expected}`;
  return `a ${expected}`;
}

/** Validates one parsed document; `fileName` prefixes every error. */
export function validateCatalogEntry(fileName: string, data: unknown): { entry: CatalogEntry | null; errors: string[] } {
  const result = catalogEntrySchema.safeParse(data, { error: entryErrorMap });
  if (result.success) return { entry: result.data, errors: [] };
  const errors = result.error.issues.map((issue) => {
    const field = formatFieldPath(issue.path);
    return field ? `${fileName}: ${field}: ${issue.message}` : `${fileName}: ${issue.message}`;
  });
  return { entry: null, errors };
}

/** Parses and validates one YAML file; also checks the file is named after the entry's id. */
export function parseCatalogFile(file: CatalogFile): { entry: CatalogEntry | null; errors: string[] } {
  let data: unknown;
  try {
    data = parseYaml(file.text, { prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    return { entry: null, errors: [`${file.fileName}: invalid YAML: ${err instanceof Error ? err.message : String(err)}`] };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { entry: null, errors: [`${file.fileName}: must be a YAML mapping (one entry per file)`] };
  }
  const { entry, errors } = validateCatalogEntry(file.fileName, data);
  if (!entry) return { entry, errors };
  const expected = CATALOG_FILE_EXTENSIONS.map((ext) => `${entry.id}${ext}`);
  if (!expected.includes(baseName(file.fileName))) {
    return { entry: null, errors: [`${file.fileName}: id: "${entry.id}" must match the file name (${entry.id}.yaml)`] };
  }
  return { entry, errors: [] };
}

export interface CatalogValidationOptions {
  /** When given, an entry whose icon file is missing is refused (loaders pass a file-system check). */
  iconExists?: (icon: string) => boolean;
}

/**
 * Validates a set of files as one catalog: every file on its own, then ids unique across files.
 * Valid entries are returned even when other files fail, so one broken user entry does not hide the rest;
 * of two files claiming one id, the first (by file name) wins and the second is reported.
 */
export function validateCatalogFiles(files: readonly CatalogFile[], options: CatalogValidationOptions = {}): CatalogLoadResult {
  const sorted = [...files].sort((a, b) => a.fileName.localeCompare(b.fileName));
  const entries: CatalogEntry[] = [];
  const errors: string[] = [];
  const owners = new Map<string, string>();
  for (const file of sorted) {
    const result = parseCatalogFile(file);
    errors.push(...result.errors);
    if (!result.entry) continue;
    const owner = owners.get(result.entry.id);
    if (owner !== undefined) {
      errors.push(`${file.fileName}: id: duplicate id "${result.entry.id}" (already defined in ${owner})`);
      continue;
    }
    if (options.iconExists && !options.iconExists(result.entry.icon)) {
      errors.push(`${file.fileName}: icon: "${result.entry.icon}" does not exist in the icons directory`);
      continue;
    }
    owners.set(result.entry.id, file.fileName);
    entries.push(result.entry);
  }
  return { entries, errors };
}

/** Merges catalogs loaded from several places (bundled first); a later duplicate id is an error, not an override. */
export function mergeCatalogs(results: readonly CatalogLoadResult[]): CatalogLoadResult {
  const entries: CatalogEntry[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const result of results) {
    errors.push(...result.errors);
    for (const entry of result.entries) {
      if (seen.has(entry.id)) {
        errors.push(`${entry.id}: id: duplicate id "${entry.id}" (already defined by an earlier catalog directory)`);
        continue;
      }
      seen.add(entry.id);
      entries.push(entry);
    }
  }
  return { entries, errors };
}

function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1];
}
