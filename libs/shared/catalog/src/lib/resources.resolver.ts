import type { AppResources } from '@proxdeck/shared-contracts';
import type { CatalogEntry } from './catalog-entry.schema';

const UNITS: Record<keyof AppResources, string> = { cores: 'cores', memoryMb: 'MB', diskGb: 'GB' };
const FIELDS = ['cores', 'memoryMb', 'diskGb'] as const;

export interface ResolvedResources {
  resources: AppResources;
  /** Field path -> message, e.g. `resources.memoryMb` -> `must be at least 256 MB for Uptime Kuma`. */
  errors: Record<string, string>;
}

/**
 * The resources a deploy gets: what was asked for, the entry's defaults for the rest. Anything below the
 * entry's minimum is refused (the app would not run), as is anything that is not a positive whole number.
 * `requested` is typed loosely on purpose: it comes straight from an HTTP body.
 */
export function resolveResources(entry: Pick<CatalogEntry, 'name' | 'resources'>, requested: unknown): ResolvedResources {
  const resources: AppResources = { ...entry.resources.default };
  const errors: Record<string, string> = {};
  if (requested === undefined || requested === null) return { resources, errors };
  if (typeof requested !== 'object' || Array.isArray(requested)) {
    return { resources, errors: { resources: 'must be an object {cores, memoryMb, diskGb}' } };
  }
  const given = requested as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!(FIELDS as readonly string[]).includes(key)) errors[`resources.${key}`] = `unknown resource "${key}"; use cores, memoryMb, diskGb`;
  }
  for (const field of FIELDS) {
    const value = given[field];
    if (value === undefined || value === null) continue;
    const path = `resources.${field}`;
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      errors[path] = 'must be a positive whole number';
      continue;
    }
    const min = entry.resources.min[field];
    if (value < min) {
      errors[path] = `must be at least ${min} ${UNITS[field]} for ${entry.name}`;
      continue;
    }
    resources[field] = value;
  }
  return { resources, errors };
}
