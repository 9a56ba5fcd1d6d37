import { APP_ID_PATTERN, HOSTNAME_PATTERN } from '@proxdeck/shared-contracts';

export interface AppProxyRoute {
  hostname: string;
  /** The path (and query) the app sees, prefix stripped. */
  path: string;
  /** `/apps/<hostname>` without the slash: redirect so the app's relative links resolve. */
  needsSlash: boolean;
  /** The path prefix the browser sees (`/apps/<hostname>/`, as written in the URL); null on an app host of its own. */
  prefix: string | null;
}

/**
 * Which app a request is for, by path (`/apps/<hostname>/...`) or, when an apps domain is set, by
 * host (`<hostname>.<domain>`). Null when it is not a proxied request. Pure.
 */
export function matchAppProxyRoute(url: string, host: string | undefined, appsDomain: string | undefined): AppProxyRoute | null {
  if (appsDomain && host) {
    const name = host.replace(/:\d+$/, '').toLowerCase();
    const suffix = `.${appsDomain.toLowerCase()}`;
    if (name.endsWith(suffix)) {
      const hostname = name.slice(0, -suffix.length);
      if (HOSTNAME_PATTERN.test(hostname)) return { hostname, path: url || '/', needsSlash: false, prefix: null };
    }
  }
  const match = /^\/apps\/([^/?#]+)(\/[^?#]*)?(\?.*)?$/.exec(url);
  if (!match) return null;
  // A malformed escape (`%ZZ`) names no app: kept as written, it fails the hostname check (404).
  const hostname = decodeOrKeep(match[1]);
  // `/apps/<uuid>...` is the console's app page, never an app (hostnames cannot be UUIDs).
  if (APP_ID_PATTERN.test(hostname)) return null;
  return { hostname, path: `${match[2] ?? '/'}${match[3] ?? ''}`, needsSlash: match[2] === undefined, prefix: `/apps/${match[1]}/` };
}

function decodeOrKeep(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
