import { createHash } from 'node:crypto';

/** A CT config as the key/value lines of `/etc/pve/nodes/<node>/lxc/<vmid>.conf`. */
export type ConfigMap = Map<string, string>;

/** Keys whose values GET config returns as JSON numbers (`cpulimit` stays a string). */
const NUMERIC_KEYS = new Set(['cores', 'memory', 'swap', 'cpuunits', 'onboot', 'protection', 'unprivileged', 'template', 'tty', 'console', 'debug']);

/**
 * Raw LXC keys (`lxc.init.cwd: /app`): config lines only root can write by editing the file, kept
 * in `$conf->{lxc}` by pve-container (src/PVE/LXC/Config.pm `parse_pct_config`).
 */
export function isRawLxcKey(key: string): boolean {
  return key.startsWith('lxc.');
}

/** The raw config text: description as `#` comment lines first, then the keys sorted (`write_pct_config`). */
export function serializeConfig(conf: ConfigMap): string {
  let text = '';
  const description = conf.get('description');
  if (description !== undefined) {
    for (const line of description.split('\n')) text += `#${line}\n`;
  }
  for (const key of [...conf.keys()].sort()) {
    if (key === 'description') continue;
    text += `${key}: ${conf.get(key)}\n`;
  }
  return text;
}

/** `digest` = SHA1 hex of the raw config file; it changes on every write, lock changes included. */
export function configDigest(conf: ConfigMap): string {
  return createHash('sha1').update(serializeConfig(conf)).digest('hex');
}

/** GET config's JSON: numbers for integer/boolean keys, strings otherwise, plus `digest`. */
export function configToApi(conf: ConfigMap): Record<string, string | number | string[][]> {
  const out: Record<string, string | number | string[][]> = {};
  const raw: string[][] = [];
  for (const [key, value] of conf) {
    if (isRawLxcKey(key)) raw.push([key, value]);
    else out[key] = NUMERIC_KEYS.has(key) && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  // pve-container API2/LXC/Config.pm GET: raw keys as `lxc: [[key, value], ...]` (apidoc `lxc`).
  if (raw.length > 0) out['lxc'] = raw;
  out['digest'] = configDigest(conf);
  return out;
}

/** `GuestHelpers::get_unique_tags`: split on `;, `, lowercase, de-duplicate, sort, join with `;`. */
export function normalizeTags(tags: string): string {
  const list = tags
    .split(/[;, ]+/)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
  return [...new Set(list)].sort().join(';');
}

/** `net0`'s MAC: datacenter `mac_prefix` default `BC:24:11` plus three random bytes. */
export function randomHwaddr(random: () => number = Math.random): string {
  const bytes = [0xbc, 0x24, 0x11, ...Array.from({ length: 3 }, () => Math.floor(random() * 256))];
  return bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(':');
}
