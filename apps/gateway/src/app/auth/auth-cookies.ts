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

export function setAuthCookies(res: Response, accessToken: string, refreshValue: string, secure: boolean): void {
  res.cookie(ACCESS_COOKIE, accessToken, { ...base(secure), path: '/', maxAge: ACCESS_TOKEN_TTL_SEC * 1000 });
  res.cookie(REFRESH_COOKIE, refreshValue, { ...base(secure), path: REFRESH_COOKIE_PATH, maxAge: REFRESH_TTL_SEC * 1000 });
}

export function clearAuthCookies(res: Response, secure: boolean): void {
  res.clearCookie(ACCESS_COOKIE, { ...base(secure), path: '/' });
  res.clearCookie(REFRESH_COOKIE, { ...base(secure), path: REFRESH_COOKIE_PATH });
}

/** Reads a cookie parsed by cookie-parser, typed. */
export function readCookie(cookies: unknown, name: string): string | undefined {
  if (typeof cookies !== 'object' || cookies === null) return undefined;
  const value = (cookies as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
