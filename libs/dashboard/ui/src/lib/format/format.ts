const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Sizes as people read them (1024-based, one decimal below 10): `512 B`, `4.2 MB`, `37 GB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit > 0 && value < 10 ? 1 : 0;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

const STEPS: readonly [limitSeconds: number, seconds: number, unit: string][] = [
  [60, 1, 'second'],
  [3_600, 60, 'minute'],
  [86_400, 3_600, 'hour'],
  [30 * 86_400, 86_400, 'day'],
  [365 * 86_400, 30 * 86_400, 'month'],
  [Number.POSITIVE_INFINITY, 365 * 86_400, 'year'],
];

/** How long ago an ISO time was: `just now`, `5 minutes ago`, `3 days ago`. */
export function formatAge(iso: string, now: Date = new Date()): string {
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 1000));
  if (Number.isNaN(seconds)) return '—';
  if (seconds < 45) return 'just now';
  for (const [limit, size, unit] of STEPS) {
    if (seconds < limit) {
      const count = Math.max(1, Math.round(seconds / size));
      return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
    }
  }
  return '—';
}

/** A running time as people say it: `45 s`, `12 min`, `5 h 20 min`, `3 d 4 h`. */
export function formatUptime(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.floor(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** A 0-1 share as a whole percentage: `37%`; `—` when unknown. */
export function formatPercent(fraction: number | null): string {
  return fraction === null || !Number.isFinite(fraction) ? '—' : `${Math.round(fraction * 100)}%`;
}
