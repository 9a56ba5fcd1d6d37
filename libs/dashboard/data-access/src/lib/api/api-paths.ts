/** Every gateway route the console calls lives under this prefix (API.md). */
export const API_BASE = '/api/v1';

/** The gateway relays Proxdeck events here as server-sent events, authenticated by the `pd_access` cookie. */
export const EVENTS_URL = `${API_BASE}/events`;

/** Routes whose 401 means "bad credentials or no session", never "refresh and retry". */
export const AUTH_SESSION_PATHS = [`${API_BASE}/auth/login`, `${API_BASE}/auth/refresh`, `${API_BASE}/auth/logout`];

/** Where the gateway proxies a running app (cookie-authenticated). */
export function appCanvasPath(hostname: string): string {
  return `/apps/${encodeURIComponent(hostname)}/`;
}
