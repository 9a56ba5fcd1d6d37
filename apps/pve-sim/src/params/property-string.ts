/**
 * PVE property strings such as `name=eth0,bridge=vmbr0,ip=dhcp` or `local-lvm:4,mp=/data`
 * (JSONSchema.pm `parse_property_string`): comma-separated `key=value` pairs; a bare first
 * element is the value of the default key.
 */
export type PropertyMap = Map<string, string>;

export function parsePropertyString(text: string, defaultKey?: string): PropertyMap {
  const out: PropertyMap = new Map();
  if (text.trim() === '') return out;
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (!defaultKey || out.has(defaultKey)) throw new Error(`value without key, but schema does not define a default key`);
      out.set(defaultKey, part);
      continue;
    }
    const key = part.slice(0, eq).trim();
    if (out.has(key)) throw new Error(`duplicate key in comma-separated list property: ${key}`);
    out.set(key, part.slice(eq + 1));
  }
  return out;
}

/** Prints a property string with the default key first and bare, as PVE writes configs. */
export function printPropertyString(map: PropertyMap, defaultKey?: string, order: readonly string[] = []): string {
  const parts: string[] = [];
  if (defaultKey && map.has(defaultKey)) parts.push(map.get(defaultKey) ?? '');
  const keys = [...map.keys()].filter((k) => k !== defaultKey);
  keys.sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    if (ia >= 0 && ib >= 0) return ia - ib;
    if (ia >= 0) return -1;
    if (ib >= 0) return 1;
    return a.localeCompare(b);
  });
  for (const k of keys) parts.push(`${k}=${map.get(k) ?? ''}`);
  return parts.join(',');
}

/** Disk sizes like `4G`, `512M`, `8` (GiB) to bytes (PVE `parse_size`). */
export function parseDiskSize(text: string, defaultUnit: 'G' | 'K' = 'G'): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([KMGT])?$/.exec(text.trim());
  if (!m) return undefined;
  const unit = m[2] ?? defaultUnit;
  const exp = { K: 1, M: 2, G: 3, T: 4 }[unit] ?? 3;
  return Math.round(Number(m[1]) * 1024 ** exp);
}

/** Bytes to PVE's config notation: `4G`, `512M` (`format_size`). */
export function formatDiskSize(bytes: number): string {
  const units: Array<[string, number]> = [['T', 1024 ** 4], ['G', 1024 ** 3], ['M', 1024 ** 2], ['K', 1024]];
  for (const [u, f] of units) {
    if (bytes % f === 0) return `${bytes / f}${u}`;
  }
  return `${Math.ceil(bytes / 1024)}K`;
}

/** A boolean inside a property string (`backup=1`): pve-common `parse_boolean` takes 1/on/yes/true. */
export function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(1|on|yes|true)$/i.test(value);
}
