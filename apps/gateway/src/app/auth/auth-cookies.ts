import type { CookieOptions, Response } from 'express';

export const ACCESS_COOKIE = 'pd_access';
export const REFRESH_COOKIE = 'pd_refresh';
/** The refresh cookie is only ever sent to the auth routes. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';
export const ACCESS_TOKEN_TTL_SEC = 15 * 60;
export const REFRESH_TTL_SEC = 14 * 24 * 3600;

function base(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure };
}

export interface AuthCookieOptions {
  secure: boolean;
  /** Domain attribute of the access cookie (see accessCookieDomain); host-only when undefined. */
  accessDomain?: string;
}

export function setAuthCookies(res: Response, accessToken: string, refreshValue: string, opts: AuthCookieOptions): void {
  res.cookie(ACCESS_COOKIE, accessToken, { ...base(opts.secure), path: '/', domain: opts.accessDomain, maxAge: ACCESS_TOKEN_TTL_SEC * 1000 });
  res.cookie(REFRESH_COOKIE, refreshValue, { ...base(opts.secure), path: REFRESH_COOKIE_PATH, maxAge: REFRESH_TTL_SEC * 1000 });
}

export function clearAuthCookies(res: Response, opts: AuthCookieOptions): void {
  res.clearCookie(ACCESS_COOKIE, { ...base(opts.secure), path: '/' });
  if (opts.accessDomain) res.clearCookie(ACCESS_COOKIE, { ...base(opts.secure), path: '/', domain: opts.accessDomain });
  res.clearCookie(REFRESH_COOKIE, { ...base(opts.secure), path: REFRESH_COOKIE_PATH });
}

/**
 * Host routing (`<app>.<PROXDECK_APPS_DOMAIN>`) needs the access cookie on the apps' hosts too, so
 * when the dashboard itself is served from the apps domain (or a host under it) the cookie gets
 * `Domain=<apps domain>`. From any other host it stays host-only: a browser drops a cookie whose
 * Domain does not cover the host that set it. The proxy strips it before a request reaches an app.
 */
export function accessCookieDomain(host: string | undefined, appsDomain: string | undefined): string | undefined {
  if (!host || !appsDomain) return undefined;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  const domain = appsDomain.toLowerCase();
  return name === domain || name.endsWith(`.${domain}`) ? domain : undefined;
}

/** Reads a cookie parsed by cookie-parser, typed. */
export function readCookie(cookies: unknown, name: string): string | undefined {
  if (typeof cookies !== 'object' || cookies === null) return undefined;
  const value = (cookies as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
