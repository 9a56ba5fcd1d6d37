import { z } from 'zod';
import { CATALOG_CATEGORIES } from '@proxdeck/shared-contracts';
import { imagePinProblem, imageTag } from './image-ref';
import { CatalogTemplateError, templateReferences } from './catalog-template';
import { BCRYPT_SECRET_SUFFIX, ENTRYPOINT_PATTERN, bcryptSecretKey, devicePathProblem } from './catalog-container-options';

/**
 * The schema of one catalog entry (CATALOG.md). Unknown fields are refused so a typo in an entry
 * fails CI instead of being silently ignored.
 */

export const CATALOG_ENTRY_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const INPUT_KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const VOLUME_NAME_PATTERN = /^[a-z][a-z0-9-]*$/;
const ICON_FILE_PATTERN = /^[a-z0-9][a-z0-9._-]*\.(svg|png)$/;
const TEMPLATE_FILE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]*\.tar\.(gz|xz|zst)$/;

/**
 * Why `source` is not a usable regular expression, or null when it compiles. Cheap: it runs on
 * every update check too. Catastrophic backtracking is pattern-backtracking.ts's to find.
 */
export function regexProblem(source: string): string | null {
  try {
    new RegExp(source);
    return null;
  } catch (err) {
    return `"${source}" is not a valid regular expression (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** The longest input value a person may enter: checked before any pattern runs, so matching stays cheap. */
export const MAX_INPUT_VALUE_LENGTH = 1024;

/** A value as an error message may quote it: short ones whole, long ones cut. */
function quoted(value: string): string {
  return value.length <= 64 ? `"${value}"` : `"${value.slice(0, 32)}..." (${value.length} characters)`;
}

/** Full-string match, whatever anchors the author wrote. */
export function matchesPattern(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(value);
}

const regexString = z.string().min(1).superRefine((source, ctx) => {
  const problem = regexProblem(source);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const resourcesSchema = z.strictObject({
  cores: z.number().int('must be a whole number').min(1, 'must be at least 1').max(512),
  memoryMb: z.number().int('must be a whole number').min(16, 'must be at least 16 MB'),
  diskGb: z.number().int('must be a whole number').min(1, 'must be at least 1 GB'),
});

const portSchema = z.strictObject({
  port: z.number().int('must be a whole number').min(1, 'must be between 1 and 65535').max(65535, 'must be between 1 and 65535'),
  protocol: z.enum(['http', 'https', 'tcp', 'udp']),
  primary: z.boolean().default(false),
});

const volumeSchema = z.strictObject({
  name: z.string().regex(VOLUME_NAME_PATTERN, 'must be lower-case letters, digits and dashes'),
  path: z
    .string()
    .regex(/^\/./, 'must be an absolute path (and not "/")')
    .refine((p) => !p.split('/').some((seg) => seg === '..' || seg === '.'), 'must not contain "." or ".." segments')
    .refine((p) => !p.endsWith('/') && !p.includes('//'), 'must be a normalised path (no trailing or double "/")'),
  sizeGb: z.number().positive('must be greater than 0'),
});

// YAML happily turns `default: 8080` into a number; the deploy form deals in strings.
const inputDefaultSchema = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));

const inputSchema = z.strictObject({
  key: z.string().regex(INPUT_KEY_PATTERN, 'must be snake_case (a-z, 0-9, _), starting with a letter'),
  label: z.string().min(1),
  type: z.enum(['string', 'number', 'boolean']).default('string'),
  default: inputDefaultSchema.optional(),
  required: z.boolean().default(false),
  pattern: regexString.optional(),
  description: z.string().min(1).optional(),
});

const secretSchema = z.strictObject({
  key: z.string().regex(INPUT_KEY_PATTERN, 'must be snake_case (a-z, 0-9, _), starting with a letter'),
  length: z.number().int('must be a whole number').min(12, 'must be at least 12').max(256, 'must be at most 256'),
  /** Also generate `<key>_bcrypt`, a bcrypt hash of the value, for apps that take a password hash. */
  bcrypt: z.boolean().default(false),
});

const deviceSchema = z.strictObject({
  // Checked in crossFieldIssues: a template there is rendered from inputs and checked at deploy.
  path: z.string().min(1),
});

const healthcheckSchema = z.strictObject({
  path: z.string().regex(/^\/\S*$/, 'must start with "/"'),
  expect: z
    .array(z.number().int().min(100, 'must be an HTTP status (100-599)').max(599, 'must be an HTTP status (100-599)'))
    .min(1, 'must list at least one status')
    .default([200]),
  timeoutSec: z.number().int('must be a whole number').min(1).max(3600).default(120),
});

const baseEntrySchema = z.strictObject({
  id: z
    .string()
    .max(63, 'must be at most 63 characters')
    .regex(CATALOG_ENTRY_ID_PATTERN, 'must be kebab-case (a-z, 0-9, single dashes)'),
  name: z.string().min(1),
  description: z.string().min(1),
  category: z.enum(CATALOG_CATEGORIES),
  icon: z.string().regex(ICON_FILE_PATTERN, 'must be a bare .svg or .png file name'),
  website: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  runtime: z.enum(['oci', 'template']),
  image: z
    .string()
    .superRefine((image, ctx) => {
      const problem = imagePinProblem(image);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  template: z.string().regex(TEMPLATE_FILE_PATTERN, 'must be a pveam template file name (*.tar.gz|xz|zst)').optional(),
  updates: z.strictObject({ track: regexString }).optional(),
  ports: z.array(portSchema).min(1, 'must declare at least one port'),
  volumes: z.array(volumeSchema).default([]),
  env: z.record(z.string().regex(ENV_NAME_PATTERN, 'must be a valid environment variable name'), z.string()).default({}),
  entrypoint: z.string().min(1).regex(ENTRYPOINT_PATTERN, 'must not contain control characters').optional(),
  devices: z.array(deviceSchema).default([]),
  inputs: z.array(inputSchema).default([]),
  secrets: z.array(secretSchema).default([]),
  resources: z.strictObject({ min: resourcesSchema, default: resourcesSchema }),
  healthcheck: healthcheckSchema.optional(),
});

type Issue = { message: string; path: (string | number)[] };

/** Rules that span fields; run once every field is well-formed on its own. */
function crossFieldIssues(entry: z.output<typeof baseEntrySchema>): Issue[] {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });

  if (entry.runtime === 'oci') {
    if (entry.image === undefined) add(['image'], 'is required for runtime "oci"');
    if (entry.template !== undefined) add(['template'], 'is only allowed for runtime "template"');
    if (entry.updates === undefined) add(['updates'], 'is required for runtime "oci" (which tags count as updates)');
  } else {
    if (entry.template === undefined) add(['template'], 'is required for runtime "template"');
    if (entry.image !== undefined) add(['image'], 'is only allowed for runtime "oci"');
  }

  // Field checks do not stop this refinement, so skip rules whose inputs already failed on their own.
  if (entry.updates && entry.image && imagePinProblem(entry.image) === null && regexProblem(entry.updates.track) === null) {
    const tag = imageTag(entry.image);
    if (tag !== null && !matchesPattern(entry.updates.track, tag)) {
      add(['updates', 'track'], `"${entry.updates.track}" does not match the current tag "${tag}"`);
    }
  }

  const primaries = entry.ports.flatMap((p, i) => (p.primary ? [i] : []));
  if (primaries.length === 0 && entry.ports.length > 0) add(['ports'], 'exactly one port must be primary: true (none is)');
  if (primaries.length > 1) add(['ports'], `exactly one port must be primary: true (ports ${primaries.join(', ')} are)`);
  const primary = primaries.length === 1 ? entry.ports[primaries[0]] : undefined;
  if (primary && (primary.protocol === 'http' || primary.protocol === 'https') && !entry.healthcheck) {
    add(['healthcheck'], 'is required when the primary port is http/https');
  }
  if (primary && (primary.protocol === 'tcp' || primary.protocol === 'udp') && entry.healthcheck) {
    add(['healthcheck'], `is an HTTP check, but the primary port speaks ${primary.protocol}`);
  }
  duplicates(entry.ports.map((p) => `${p.port}/${p.protocol === 'udp' ? 'udp' : 'tcp'}`)).forEach((i) =>
    add(['ports', i, 'port'], `${entry.ports[i].port} is declared twice`),
  );

  duplicates(entry.volumes.map((v) => v.name)).forEach((i) => add(['volumes', i, 'name'], `"${entry.volumes[i].name}" is declared twice`));
  duplicates(entry.volumes.map((v) => v.path)).forEach((i) => add(['volumes', i, 'path'], `"${entry.volumes[i].path}" is declared twice`));
  entry.volumes.forEach((v, i) => {
    const parent = entry.volumes.find((o) => o !== v && v.path.startsWith(`${o.path}/`));
    if (parent) add(['volumes', i, 'path'], `"${v.path}" is inside volume "${parent.name}" (${parent.path})`);
  });

  duplicates(entry.inputs.map((x) => x.key)).forEach((i) => add(['inputs', i, 'key'], `"${entry.inputs[i].key}" is declared twice`));
  duplicates(entry.secrets.map((x) => x.key)).forEach((i) => add(['secrets', i, 'key'], `"${entry.secrets[i].key}" is declared twice`));
  entry.inputs.forEach((input, i) => {
    if (input.default === undefined || (input.pattern !== undefined && regexProblem(input.pattern) !== null)) return;
    const problem = inputValueProblem(input, input.default);
    if (problem) add(['inputs', i, 'default'], problem);
  });

  const inputKeys = new Set(entry.inputs.map((x) => x.key));
  // A `bcrypt: true` secret also offers `<key>_bcrypt`, which must not collide with a declared key.
  const secretKeys = new Set(entry.secrets.flatMap((x) => (x.bcrypt ? [x.key, bcryptSecretKey(x.key)] : [x.key])));
  entry.secrets.forEach((s, i) => {
    if (s.bcrypt && entry.secrets.some((o) => o.key === bcryptSecretKey(s.key))) {
      add(['secrets', i, 'key'], `"${s.key}" has bcrypt: true, so "${bcryptSecretKey(s.key)}" is its hash and cannot be declared as well`);
    }
  });
  const checkTemplate = (path: (string | number)[], template: string, inputsOnly: boolean) => {
    try {
      for (const ref of templateReferences(template)) {
        if (inputsOnly && ref.kind !== 'input') {
          add(path, `"{{${ref.raw}}}" cannot be used here; only {{input.*}} (it is kept by clone and restore)`);
          continue;
        }
        if (ref.kind === 'input' && !inputKeys.has(ref.key)) add(path, `"{{${ref.raw}}}" names no declared input`);
        if (ref.kind === 'secret' && !secretKeys.has(ref.key)) {
          const hint = ref.key.endsWith(BCRYPT_SECRET_SUFFIX) ? ` (a hash needs bcrypt: true on secret "${ref.key.slice(0, -BCRYPT_SECRET_SUFFIX.length)}")` : '';
          add(path, `"{{${ref.raw}}}" names no declared secret${hint}`);
        }
        // The environment is set when the container is created, before DHCP has given it an address.
        if (ref.kind === 'app' && ref.key === 'ip') add(path, `"{{${ref.raw}}}" is not known when the container is created; use {{app.hostname}}`);
      }
      return true;
    } catch (err) {
      if (!(err instanceof CatalogTemplateError)) throw err;
      add(path, err.message);
      return false;
    }
  };
  for (const [name, template] of Object.entries(entry.env)) checkTemplate(['env', name], template, false);

  if (entry.entrypoint !== undefined) {
    if (entry.runtime !== 'oci') add(['entrypoint'], 'is only allowed for runtime "oci" (appliance templates run their own init)');
    checkTemplate(['entrypoint'], entry.entrypoint, true);
  }
  entry.devices.forEach((device, i) => {
    const path = ['devices', i, 'path'];
    if (!checkTemplate(path, device.path, true)) return;
    // A literal path is checked now; a rendered one when the app is deployed (inputs have patterns for that).
    const problem = templateReferences(device.path).length === 0 ? devicePathProblem(device.path) : null;
    if (problem) add(path, problem);
  });
  duplicates(entry.devices.map((d) => d.path)).forEach((i) => add(['devices', i, 'path'], `"${entry.devices[i].path}" is declared twice`));

  for (const field of ['cores', 'memoryMb', 'diskGb'] as const) {
    if (entry.resources.default[field] < entry.resources.min[field]) {
      add(['resources', 'default', field], `${entry.resources.default[field]} is below the minimum ${entry.resources.min[field]}`);
    }
  }
  return issues;
}

/** Indexes of the second and later occurrences of a value. */
function duplicates(values: string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((v, i) => {
    if (seen.has(v)) return [i];
    seen.add(v);
    return [];
  });
}

/** Why `value` is not acceptable for `input` (type and pattern), or null. Shared by the schema and deploy validation. */
export function inputValueProblem(
  input: { type: 'string' | 'number' | 'boolean'; pattern?: string },
  value: string,
): string | null {
  if (value.length > MAX_INPUT_VALUE_LENGTH) return `must be at most ${MAX_INPUT_VALUE_LENGTH} characters`;
  if (input.type === 'number' && (value.trim() === '' || !Number.isFinite(Number(value)))) {
    return `${quoted(value)} is not a number`;
  }
  if (input.type === 'boolean' && value !== 'true' && value !== 'false') {
    return `${quoted(value)} must be "true" or "false"`;
  }
  if (input.pattern !== undefined && !matchesPattern(input.pattern, value)) {
    return `${quoted(value)} does not match ${input.pattern}`;
  }
  return null;
}

export const catalogEntrySchema = baseEntrySchema.superRefine((entry, ctx) => {
  for (const issue of crossFieldIssues(entry)) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  }
});

/** A validated catalog entry, defaults applied. */
export type CatalogEntry = z.output<typeof catalogEntrySchema>;
export type CatalogPort = CatalogEntry['ports'][number];
export type CatalogVolume = CatalogEntry['volumes'][number];
export type CatalogInput = CatalogEntry['inputs'][number];
export type CatalogSecret = CatalogEntry['secrets'][number];
export type CatalogDevice = CatalogEntry['devices'][number];
export type CatalogHealthcheck = NonNullable<CatalogEntry['healthcheck']>;
