import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { APP_ID_PATTERN } from '@proxdeck/shared-contracts';

/** PROXDECK_DASHBOARD_DIR, else `<workspace root>/dist/apps/dashboard/browser` (root = the folder with nx.json above us). */
export function resolveDashboardDir(configured: string | undefined, from: string = __dirname): string | null {
  if (configured) return resolve(configured);
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return join(dir, 'dist', 'apps', 'dashboard', 'browser');
    if (dirname(dir) === dir) return null;
  }
}

/**
 * Requests the SPA must never swallow: the API, the app proxy (`/apps/<hostname>/...`), probes and
 * metrics. `/apps` and `/apps/<app id>...` are the console's own pages.
 */
export function isServerPath(path: string): boolean {
  if (/^\/(api)(\/|$)/.test(path) || /^\/(healthz|readyz|metrics)(\/|\?|$)/.test(path)) return true;
  const app = /^\/apps\/([^/?#]+)/.exec(path);
  return app !== null && !APP_ID_PATTERN.test(decodeURIComponent(app[1]));
}
