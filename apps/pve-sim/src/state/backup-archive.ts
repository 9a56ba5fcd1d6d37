/** vzdump archive names, notes templates and keep-last pruning (PVE/VZDump.pm, PVE/Storage.pm). */

const pad = (n: number): string => String(n).padStart(2, '0');

/** `vzdump-lxc-<vmid>-<YYYY_MM_DD-HH_MM_SS>.tar[.zst|.gz|.lzo]`, using node local time. */
export function archiveName(vmid: number, date: Date, compress: string): string {
  const stamp = `${date.getFullYear()}_${pad(date.getMonth() + 1)}_${pad(date.getDate())}-${pad(date.getHours())}_${pad(date.getMinutes())}_${pad(date.getSeconds())}`;
  const ext = compress === 'zstd' ? '.zst' : compress === 'gzip' || compress === '1' ? '.gz' : compress === 'lzo' ? '.lzo' : '';
  return `vzdump-lxc-${vmid}-${stamp}.tar${ext}`;
}

/** The archive format as listed in storage content (`tar.zst`, `tar.gz`, `tar`). */
export function archiveFormat(name: string): string {
  const m = /\.(tar(?:\.(?:zst|gz|lzo))?)$/.exec(name);
  return m ? m[1] : 'tar';
}

/** Parses `vzdump-lxc-100-2025_10_16-12_00_00...` back to epoch seconds (local time). */
export function archiveTime(name: string): number | undefined {
  const m = /vzdump-(?:lxc|qemu)-\d+-(\d{4})_(\d{2})_(\d{2})-(\d{2})_(\d{2})_(\d{2})/.exec(name);
  if (!m) return undefined;
  return Math.floor(new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]).getTime() / 1000);
}

const NOTES_VARS = new Set(['cluster', 'guestname', 'node', 'vmid']);

/** Expands `{{guestname}}` etc.; only `\n` and `\\` escapes are allowed. Returns an error text for bad templates. */
export function renderNotes(template: string, vars: Record<string, string>): { notes: string } | { error: string } {
  for (const m of template.matchAll(/\{\{([^}]*)\}\}/g)) {
    if (!NOTES_VARS.has(m[1])) return { error: `found unknown variable '${m[1]}'` };
  }
  const bad = /\\([^n\\])/.exec(template);
  if (bad) return { error: `found unknown escape sequence '\\${bad[1]}'` };
  const notes = template
    .replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '')
    .replace(/\\(n|\\)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
  return { notes };
}

/** `keep-last=N`: which archives (newest first by ctime) to remove; protected ones neither count nor go. */
export function pruneKeepLast<T extends { ctime: number; protected?: boolean }>(archives: T[], keepLast: number): T[] {
  const candidates = archives.filter((a) => !a.protected).sort((a, b) => b.ctime - a.ctime);
  return candidates.slice(keepLast);
}

/** `keep-last=3,keep-daily=7` -> {keep-last: 3, ...}. */
export function parseRetention(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const m = /^\s*(keep-(?:all|last|hourly|daily|weekly|monthly|yearly))=(\d+)\s*$/.exec(part);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}
