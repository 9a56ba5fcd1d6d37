import { ACCESS_COOKIE, REFRESH_COOKIE } from '../auth/auth-cookies';

const OURS = new Set([ACCESS_COOKIE, REFRESH_COOKIE]);

/**
 * An app's `Set-Cookie` as the browser may see it through the proxy, or null to drop it. An app
 * never sets the console's cookies (`pd_access`, `pd_refresh`: a page could log its viewer in as
 * someone else, or out), never a `Domain` (a cookie for the parent domain would reach the console
 * and every other app), and under `/apps/<hostname>/` its paths are moved below that prefix, so its
 * cookies go to it alone and never to the console's API. Pure.
 */
export function rewriteAppSetCookie(header: string, pathPrefix: string | null): string | null {
  const [pair, ...attributes] = header.split(';');
  const name = pair.split('=')[0]?.trim() ?? '';
  if (!name || OURS.has(name) || name.startsWith('__Host-pd_') || name.startsWith('__Secure-pd_')) return null;
  const kept: string[] = [];
  let path: string | null = null;
  for (const raw of attributes) {
    const attribute = raw.trim();
    const key = attribute.split('=')[0]?.trim().toLowerCase();
    if (key === 'domain') continue;
    if (key === 'path') {
      path = attribute.slice(attribute.indexOf('=') + 1).trim();
      continue;
    }
    if (attribute) kept.push(attribute);
  }
  if (pathPrefix !== null) {
    const own = path && path.startsWith('/') ? path : '/';
    path = `${pathPrefix.replace(/\/$/, '')}${own}`;
  }
  return [pair.trim(), ...(path ? [`Path=${path}`] : []), ...kept].join('; ');
}
