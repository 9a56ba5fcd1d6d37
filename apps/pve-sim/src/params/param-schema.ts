import { paramError } from './api-error';

/** A small subset of PVE's JSON schema for one parameter (PVE/JSONSchema.pm). */
export interface PropSchema {
  type: 'string' | 'integer' | 'boolean' | 'number';
  optional?: boolean;
  minimum?: number;
  maximum?: number;
  enum?: readonly string[];
  pattern?: RegExp;
  maxLength?: number;
  minLength?: number;
  format?: 'pve-vmid' | 'pve-node' | 'pve-storage-id' | 'pve-configid' | 'dns-name';
  /** Values may repeat (`-alist` / array). */
  array?: boolean;
}

export type ParamSchema = Readonly<Record<string, PropSchema>>;
export type ParamValue = string | number | string[];
export type Params = Record<string, ParamValue | undefined>;
export type RawParams = Record<string, string | string[]>;

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

const FORMAT_CHECKS: Record<NonNullable<PropSchema['format']>, (v: string) => string | undefined> = {
  'pve-vmid': (v) => (/^[1-9][0-9]{2,8}$/.test(v) ? undefined : 'value does not look like a valid VM ID\n'),
  'pve-node': (v) => (/^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/.test(v) ? undefined : `value does not look like a valid node name\n`),
  'pve-storage-id': (v) => (/^[a-z][a-z0-9\-_.]*[a-z0-9]$/i.test(v) ? undefined : `storage ID '${v}' contains illegal characters\n`),
  'pve-configid': (v) => (/^[a-z][a-z0-9_-]+$/i.test(v) ? undefined : `invalid configuration ID '${v}'\n`),
  'dns-name': (v) =>
    /^(([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)\.)*([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)$/.test(v)
      ? undefined
      : `value does not look like a valid DNS name\n`,
};

/** Checks one scalar; returns the converted value or an error text (JSONSchema.pm `check_prop`). */
function checkValue(schema: PropSchema, raw: string): { value?: string | number; error?: string } {
  let value: string | number = raw;
  switch (schema.type) {
    case 'integer':
      if (!INTEGER.test(raw)) return { error: `type check ('integer') failed - got '${raw}'` };
      value = Number(raw);
      break;
    case 'number':
      if (!NUMBER.test(raw)) return { error: `type check ('number') failed - got '${raw}'` };
      value = Number(raw);
      break;
    case 'boolean':
      // pve-common src/PVE/JSONSchema.pm `check_type` L1243-1261: only 1 and 0 (JSON booleans
      // arrive as 1/0); `true`, `yes`, `on` are for the CLI and property strings, not the API.
      if (raw === '1') value = 1;
      else if (raw === '0') value = 0;
      else return { error: `type check ('boolean') failed - got '${raw}'` };
      break;
    case 'string':
      break;
  }
  if (schema.format) {
    const err = FORMAT_CHECKS[schema.format](raw);
    if (err) return { error: `invalid format - ${err}` };
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return { error: `value must have a minimum value of ${schema.minimum}` };
    if (schema.maximum !== undefined && value > schema.maximum) return { error: `value must have a maximum value of ${schema.maximum}` };
  } else {
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return { error: `value may only be ${schema.maxLength} characters long` };
    if (schema.minLength !== undefined && value.length < schema.minLength) return { error: `value must be at least ${schema.minLength} characters long` };
    if (schema.pattern && !schema.pattern.test(value)) return { error: 'value does not match the regex pattern' };
  }
  if (schema.enum && !schema.enum.includes(raw)) {
    return { error: `value '${raw}' does not have a value in the enumeration '${schema.enum.join(', ')}'` };
  }
  return { value };
}

/**
 * Validates and converts request parameters against a schema with `additionalProperties: 0`.
 * Throws a 400 `Parameter verification failed.` collecting every field's error.
 */
export function validateParams(schema: ParamSchema, raw: RawParams): Params {
  const errors: Record<string, string> = {};
  const out: Params = {};
  for (const [key, rawValue] of Object.entries(raw)) {
    const prop = schema[key];
    if (!prop) {
      errors[key] = 'property is not defined in schema and the schema does not allow additional properties';
      continue;
    }
    if (Array.isArray(rawValue)) {
      if (!prop.array) {
        errors[key] = `type check ('${prop.type}') failed - got ARRAY`;
        continue;
      }
      const values: string[] = [];
      for (const item of rawValue) {
        const r = checkValue(prop, item);
        if (r.error) errors[key] = r.error;
        else values.push(String(r.value));
      }
      out[key] = values;
      continue;
    }
    const r = checkValue(prop, rawValue);
    if (r.error !== undefined) errors[key] = r.error;
    else out[key] = r.value;
  }
  for (const [key, prop] of Object.entries(schema)) {
    if (!prop.optional && raw[key] === undefined && errors[key] === undefined) {
      errors[key] = 'property is missing and it is not optional';
    }
  }
  if (Object.keys(errors).length > 0) throw paramError(errors);
  return out;
}

/** Expands `net[n]`-style keys into `net0..net{count-1}`. */
export function indexedProps(prefix: string, count: number, prop: PropSchema): Record<string, PropSchema> {
  const out: Record<string, PropSchema> = {};
  for (let i = 0; i < count; i++) out[`${prefix}${i}`] = prop;
  return out;
}

export function strParam(p: Params, key: string): string | undefined {
  const v = p[key];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(',') : String(v);
}

export function numParam(p: Params, key: string): number | undefined {
  const v = p[key];
  return typeof v === 'number' ? v : undefined;
}

export function boolParam(p: Params, key: string): boolean {
  return p[key] === 1;
}
