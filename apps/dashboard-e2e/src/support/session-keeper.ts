import type { APIRequestContext, BrowserContext, Cookie } from '@playwright/test';
import { postLogin } from './login';

const REFRESH_COOKIE = 'pd_refresh';

/**
 * One browser session per worker, handed from test to test. The gateway allows 10 logins a minute
 * and rotates the refresh cookie at every refresh (a rotated-away cookie used again ends the
 * session), so a saved storage state cannot be replayed. Instead each test's browser gets the
 * newest refresh cookie, and hands the one it rotated to back when the test ends.
 */
export class SessionKeeper {
  private refresh: Cookie | null = null;

  constructor(
    private readonly request: APIRequestContext,
    private readonly credentials: { username: string; password: string },
  ) {}

  /** The refresh cookie for the next browser; logs in only when there is none (first test, after a logout). */
  async take(): Promise<Cookie> {
    if (!this.refresh) {
      const res = await postLogin(this.request, this.credentials);
      if (res.status() !== 200) throw new Error(`login for the browser session answered ${res.status()}: ${await res.text()}`);
      this.refresh = findRefresh((await this.request.storageState()).cookies);
      if (!this.refresh) throw new Error(`login set no ${REFRESH_COOKIE} cookie`);
    }
    const cookie = this.refresh;
    this.refresh = null; // Until given back, the browser owns it.
    return cookie;
  }

  /** Keeps the browser's current refresh cookie (rotated by its own refreshes) for the next test. */
  async giveBack(context: BrowserContext): Promise<void> {
    this.refresh = findRefresh(await context.cookies());
  }
}

function findRefresh(cookies: readonly Cookie[]): Cookie | null {
  return cookies.find((cookie) => cookie.name === REFRESH_COOKIE) ?? null;
}
