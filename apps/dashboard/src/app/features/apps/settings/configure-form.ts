import type { AppDto, ConfigureAppRequest } from '@proxdeck/shared-contracts';

export interface EnvRow {
  key: string;
  value: string;
}

export interface ConfigureValues {
  cores: string;
  memoryMb: string;
  diskGb: string;
  env: EnvRow[];
}

export type ConfigureErrors = Partial<Record<'cores' | 'memoryMb' | 'diskGb' | 'env', string>>;

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function initialConfigureValues(app: AppDto): ConfigureValues {
  return {
    cores: String(app.resources.cores),
    memoryMb: String(app.resources.memoryMb),
    diskGb: String(app.resources.diskGb),
    env: Object.entries(app.env).map(([key, value]) => ({ key, value })),
  };
}

function wholeNumber(text: string): number | null {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) ? value : null;
}

/** Client checks worded like the gateway's; the disk rule is Proxmox's (a volume only grows). */
export function validateConfigure(app: AppDto, values: ConfigureValues): ConfigureErrors {
  const errors: ConfigureErrors = {};
  const cores = wholeNumber(values.cores);
  if (cores === null || cores < 1) errors.cores = 'Enter a whole number of cores, at least 1.';
  const memory = wholeNumber(values.memoryMb);
  if (memory === null || memory < 16) errors.memoryMb = 'Enter the memory in MB, at least 16.';
  const disk = wholeNumber(values.diskGb);
  if (disk === null) errors.diskGb = 'Enter the disk size in whole GB.';
  else if (disk < app.resources.diskGb) errors.diskGb = `Disk can only grow: enter at least ${app.resources.diskGb} GB.`;
  const keys = values.env.map((row) => row.key.trim()).filter((key) => key !== '');
  const bad = keys.find((key) => !ENV_KEY.test(key));
  if (bad) errors.env = `${bad} is not a valid variable name: use letters, digits and _, not starting with a digit.`;
  else if (new Set(keys).size !== keys.length) errors.env = 'Each variable name may appear only once.';
  return errors;
}

/** Only what changed, so an unchanged disk is never "resized" and untouched env stays as it is. */
export function toConfigureRequest(app: AppDto, values: ConfigureValues): ConfigureAppRequest {
  const request: ConfigureAppRequest = {};
  const cores = Number(values.cores);
  const memoryMb = Number(values.memoryMb);
  const diskGb = Number(values.diskGb);
  if (cores !== app.resources.cores) request.cores = cores;
  if (memoryMb !== app.resources.memoryMb) request.memoryMb = memoryMb;
  if (diskGb !== app.resources.diskGb) request.diskGb = diskGb;
  const next = new Map(values.env.filter((row) => row.key.trim() !== '').map((row) => [row.key.trim(), row.value]));
  const env: Record<string, string | null> = {};
  for (const [key, value] of next) if (app.env[key] !== value) env[key] = value;
  for (const key of Object.keys(app.env)) if (!next.has(key)) env[key] = null;
  if (Object.keys(env).length > 0) request.env = env;
  return request;
}
