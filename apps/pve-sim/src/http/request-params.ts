import type { RawParams } from '../params/param-schema';

function add(out: RawParams, key: string, value: string): void {
  const prev = out[key];
  if (prev === undefined) out[key] = value;
  else if (Array.isArray(prev)) prev.push(value);
  else out[key] = [prev, value];
}

/**
 * `application/x-www-form-urlencoded` (also used for query strings); a repeated key becomes an
 * array. `key=` is absent, as in pve-http-server `AnyEvent.pm` (L898: `split(/=/, $kv)` leaves
 * the value undefined).
 */
export function parseFormParams(text: string): RawParams {
  const out: RawParams = {};
  for (const [k, v] of new URLSearchParams(text)) if (v !== '') add(out, k, v);
  return out;
}

/** A JSON object body; scalars become strings so they pass the same checks as form values. */
export function parseJsonParams(text: string): RawParams {
  const out: RawParams = {};
  if (text.trim() === '') return out;
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return out;
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) out[k] = v.map((e) => scalar(e));
    else out[k] = scalar(v);
  }
  return out;
}

function scalar(v: unknown): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** AnyEvent.pm `extract_params`: query parameters override body keys; `_dc` is dropped. */
export function mergeParams(body: RawParams, query: RawParams): RawParams {
  const out: RawParams = { ...body, ...query };
  delete out['_dc'];
  return out;
}
