/** vzdump archive names, notes templates and retention pruning (PVE/VZDump.pm, PVE/Storage.pm). */

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

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** ISO 8601 week and week-year (`strftime("%V")`, `"%G"`) of a local date, as `<week>/<year>`. */
function isoWeekId(d: Date): string {
  const thursday = new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7) + 3);
  const year = thursday.getFullYear();
  const jan4 = new Date(year, 0, 4);
  const week1Thursday = new Date(year, 0, 4 - ((jan4.getDay() + 6) % 7) + 3);
  return `${1 + Math.round((thursday.getTime() - week1Thursday.getTime()) / (7 * 86400000))}/${year}`;
}

/** The period each keep-option counts in (local time), as PVE::Storage `prune_mark_backup_group`. */
const PERIODS: Array<[string, (d: Date, ctime: number) => string]> = [
  ['keep-last', (_d, ctime) => String(ctime)],
  ['keep-hourly', (d) => `${d.getFullYear()}/${pad2(d.getMonth() + 1)}/${pad2(d.getDate())}/${pad2(d.getHours())}`],
  ['keep-daily', (d) => `${d.getFullYear()}/${pad2(d.getMonth() + 1)}/${pad2(d.getDate())}`],
  ['keep-weekly', (d) => isoWeekId(d)],
  ['keep-monthly', (d) => `${d.getFullYear()}/${pad2(d.getMonth() + 1)}`],
  ['keep-yearly', (d) => String(d.getFullYear())],
];

/**
 * Which archives a retention removes (PVE::Storage `prune_mark_backup_group`): newest first, each
 * `keep-*` option keeps the newest archive of each of its N most recent periods not yet covered
 * by a kept one; whatever no option keeps goes. Protected archives neither count nor go.
 * `keep-all=1` or no positive option keeps everything.
 */
export function pruneByRetention<T extends { ctime: number; protected?: boolean }>(archives: T[], keep: Record<string, number>): T[] {
  const positive = Object.entries(keep).some(([k, v]) => k !== 'keep-all' && v > 0);
  if (keep['keep-all'] || !positive) return [];
  const entries = archives
    .filter((a) => !a.protected)
    .sort((a, b) => b.ctime - a.ctime)
    .map((archive) => ({ archive, mark: undefined as 'keep' | 'remove' | undefined }));
  for (const [option, periodOf] of PERIODS) {
    const count = keep[option] ?? 0;
    if (count <= 0) continue;
    const id = (e: (typeof entries)[number]): string => periodOf(new Date(e.archive.ctime * 1000), e.archive.ctime);
    const alreadyKept = new Set(entries.filter((e) => e.mark === 'keep').map(id));
    const newlyKept = new Set<string>();
    for (const e of entries) {
      if (e.mark !== undefined || alreadyKept.has(id(e))) continue;
      if (newlyKept.has(id(e))) {
        e.mark = 'remove';
        continue;
      }
      if (newlyKept.size >= count) break;
      newlyKept.add(id(e));
      e.mark = 'keep';
    }
  }
  return entries.filter((e) => e.mark !== 'keep').map((e) => e.archive);
}

/** `keep-last=N` alone. */
export function pruneKeepLast<T extends { ctime: number; protected?: boolean }>(archives: T[], keepLast: number): T[] {
  return pruneByRetention(archives, { 'keep-last': keepLast });
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
