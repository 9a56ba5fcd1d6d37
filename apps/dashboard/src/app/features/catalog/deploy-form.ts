import { APP_ID_PATTERN, HOSTNAME_PATTERN, type CatalogItemDto, type DeployAppRequest } from '@proxdeck/shared-contracts';

/** Field paths as the gateway names them in problem+json `errors`, so both sides line up. */
export type DeployFieldPath = string;

export interface DeployField {
  path: DeployFieldPath;
  label: string;
  kind: 'text' | 'number' | 'checkbox';
  required: boolean;
  hint?: string;
  min?: number;
  pattern?: string;
}

export type DeployValues = Record<DeployFieldPath, string>;

const RESOURCE_FIELDS = [
  { key: 'cores', label: 'CPU cores' },
  { key: 'memoryMb', label: 'Memory (MB)' },
  { key: 'diskGb', label: 'Disk (GB)' },
] as const;

/** The fields of a deploy form for one catalog entry, in display order. */
export function deployFields(item: CatalogItemDto): DeployField[] {
  return [
    {
      path: 'hostname',
      label: 'Hostname',
      kind: 'text',
      required: true,
      hint: 'Lowercase letters, digits and hyphens. The app is served at /apps/<hostname>/.',
    },
    { path: 'node', label: 'Node', kind: 'text', required: false, hint: 'Optional. Leave empty and Proxdeck picks a node with room.' },
    ...RESOURCE_FIELDS.map(({ key, label }) => ({
      path: `resources.${key}`,
      label,
      kind: 'number' as const,
      required: true,
      min: item.resources.min[key],
    })),
    ...item.inputs.map((input) => ({
      path: `inputs.${input.key}`,
      label: input.label,
      kind: input.type === 'boolean' ? ('checkbox' as const) : input.type === 'number' ? ('number' as const) : ('text' as const),
      required: input.type !== 'boolean' && !!input.required,
      hint: input.description,
      pattern: input.pattern,
    })),
  ];
}

/** Prefilled values: the entry's defaults and a hostname nobody uses yet. */
export function initialDeployValues(item: CatalogItemDto, takenHostnames: ReadonlySet<string>): DeployValues {
  const values: DeployValues = { hostname: suggestHostname(item.id, takenHostnames), node: '' };
  for (const { key } of RESOURCE_FIELDS) values[`resources.${key}`] = String(item.resources.default[key]);
  for (const input of item.inputs) values[`inputs.${input.key}`] = input.default ?? (input.type === 'boolean' ? 'false' : '');
  return values;
}

export function suggestHostname(catalogId: string, taken: ReadonlySet<string>): string {
  const base = catalogId.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56) || 'app';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Client-side checks, worded like the gateway's; the gateway checks again (it alone sees every app). */
export function validateDeploy(
  fields: readonly DeployField[],
  values: DeployValues,
  takenHostnames: ReadonlySet<string> = new Set(),
): Record<DeployFieldPath, string> {
  const errors: Record<DeployFieldPath, string> = {};
  for (const field of fields) {
    const value = (values[field.path] ?? '').trim();
    if (field.kind === 'checkbox') continue;
    if (!value) {
      if (field.required) errors[field.path] = field.path === 'hostname' ? 'Enter a hostname.' : `Enter ${field.label.toLowerCase()}.`;
      continue;
    }
    if (field.path === 'hostname') {
      if (value.length > 63) {
        errors[field.path] = 'Hostname must be at most 63 characters.';
      } else if (!HOSTNAME_PATTERN.test(value)) {
        errors[field.path] = 'Use lowercase letters, digits and hyphens; start and end with a letter or digit.';
      } else if (APP_ID_PATTERN.test(value)) {
        errors[field.path] = 'Hostname must not look like an app id (a UUID).';
      } else if (takenHostnames.has(value)) {
        // Known locally, so say it at once instead of asking the gateway for a 409.
        errors[field.path] = `${value} is already taken by another app. Pick another hostname.`;
      }
    } else if (field.kind === 'number') {
      const number = Number(value);
      if (!Number.isFinite(number) || !Number.isInteger(number)) {
        errors[field.path] = `${field.label} must be a whole number.`;
      } else if (field.min !== undefined && number < field.min) {
        errors[field.path] = `${field.label} must be at least ${field.min}.`;
      }
    } else if (field.pattern && !matches(field.pattern, value)) {
      errors[field.path] = `${field.label} does not have the expected format.`;
    }
  }
  return errors;
}

function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return true; // A pattern this browser cannot compile is left to the gateway.
  }
}

export function toDeployRequest(item: CatalogItemDto, values: DeployValues): DeployAppRequest {
  const inputs: Record<string, string> = {};
  for (const input of item.inputs) {
    const value = (values[`inputs.${input.key}`] ?? '').trim();
    if (value !== '' || input.required) inputs[input.key] = value;
  }
  const node = (values['node'] ?? '').trim();
  return {
    catalogId: item.id,
    hostname: values['hostname'].trim(),
    ...(node ? { node } : {}),
    resources: {
      cores: Number(values['resources.cores']),
      memoryMb: Number(values['resources.memoryMb']),
      diskGb: Number(values['resources.diskGb']),
    },
    ...(item.inputs.length > 0 ? { inputs } : {}),
  };
}
