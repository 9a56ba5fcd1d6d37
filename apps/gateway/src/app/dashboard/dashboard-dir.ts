import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** PROXDECK_DASHBOARD_DIR, else `<workspace root>/dist/apps/dashboard/browser` (root = the folder with nx.json above us). */
export function resolveDashboardDir(configured: string | undefined, from: string = __dirname): string | null {
  if (configured) return resolve(configured);
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return join(dir, 'dist', 'apps', 'dashboard', 'browser');
    if (dirname(dir) === dir) return null;
  }
}

/** Requests the SPA must never swallow: the API, the app proxy, probes and metrics. */
export function isServerPath(path: string): boolean {
  return /^\/(api|apps)(\/|$)/.test(path) || /^\/(healthz|readyz|metrics)(\/|\?|$)/.test(path);
}
