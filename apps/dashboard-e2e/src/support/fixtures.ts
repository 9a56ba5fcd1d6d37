import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@nx/devkit';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { SessionKeeper } from './session-keeper';
import { postLogin } from './login';

/** The simulator of the running e2e stack (tools/e2e-stack.mjs writes where it is). */
export function simUrl(): string {
  const info = JSON.parse(readFileSync(join(workspaceRoot, 'dist/e2e-stack.json'), 'utf8')) as { simUrl: string };
  return info.simUrl;
}

export const ADMIN = { username: 'admin', password: 'e2e-admin-password' };

interface WorkerFixtures {
  /** Logs which Chromium runs the suite (Debian's package; TOOLCHAIN.md pins Playwright to it). */
  browserVersion: string;
  /**
   * An API client logged in as admin (Bearer token), for setup and for checks behind the UI. One
   * login per worker: the gateway allows 10 logins a minute, and each test's browser needs one too.
   */
  api: AuthedApi;
  sessionKeeper: SessionKeeper;
}

interface Fixtures {
  /**
   * Console errors a test causes on purpose (e.g. requests refused while it holds the gateway
   * down); set with `test.use`. Empty by default: every console error fails the test.
   */
  expectedConsoleErrors: RegExp[];
  /** Fails the test on any console error or unhandled page error. */
  consoleGuard: void;
  /**
   * Signs the test's browser in without the login form (see SessionKeeper) and waits until the
   * console shows its navigation, i.e. an authenticated call succeeded.
   */
  signIn: () => Promise<void>;
}

export interface AuthedApi {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Any API call, whatever its status (e.g. a DELETE, or a GET that may 404). */
  send<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: T | undefined }>;
  /** A running app through the gateway's proxy (`/apps/<hostname>/<path>`), as text. */
  app(method: 'GET' | 'PUT', hostname: string, path: string, body?: string): Promise<{ status: number; text: string }>;
  sim<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  browserVersion: [
    async ({ browser }, use) => {
      const version = browser.version();
      process.stdout.write(`Chromium ${version}\n`);
      await use(version);
    },
    { scope: 'worker', auto: true },
  ],
  expectedConsoleErrors: [[], { option: true }],
  consoleGuard: [
    async ({ page, expectedConsoleErrors }, use) => {
      const problems: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() !== 'error' || expectedConsoleErrors.some((expected) => expected.test(msg.text()))) return;
        problems.push(`console.error: ${msg.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      await use();
      if (problems.length) throw new Error(`the page logged errors:\n${problems.join('\n')}`);
    },
    { auto: true },
  ],
  sessionKeeper: [
    async ({ playwright }, use, workerInfo) => {
      const request = await playwright.request.newContext({ baseURL: workerInfo.project.use.baseURL });
      await use(new SessionKeeper(request, ADMIN));
      await request.dispose();
    },
    { scope: 'worker' },
  ],
  signIn: async ({ page, sessionKeeper }, use) => {
    let signedIn = false;
    await use(async () => {
      await page.context().addCookies([await sessionKeeper.take()]);
      signedIn = true;
      // The console only tries its refresh cookie when this hint says a session may exist.
      await page.addInitScript(() => window.localStorage.setItem('pd_session', '1'));
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
    });
    if (signedIn) await sessionKeeper.giveBack(page.context());
  },
  api: [async ({ playwright }, use, workerInfo) => {
    // The simulator speaks HTTPS with a self-signed certificate, as a fresh Proxmox VE does.
    const request = await playwright.request.newContext({ baseURL: workerInfo.project.use.baseURL, ignoreHTTPSErrors: true });
    const token = await login(request);
    const headers = { authorization: `Bearer ${token}` };
    const api: AuthedApi = {
      get: async <T>(path: string) => {
        const res = await request.get(`/api/v1${path}`, { headers });
        expect(res.status(), `GET ${path}`).toBe(200);
        return (await res.json()) as T;
      },
      post: async <T>(path: string, body?: unknown) => {
        const res = await request.post(`/api/v1${path}`, { headers, data: body ?? {} });
        return { status: res.status(), body: (await res.json()) as T };
      },
      send: async <T>(method: string, path: string, body?: unknown) => {
        const res = await request.fetch(`/api/v1${path}`, { method, headers, data: body });
        const text = await res.text();
        return { status: res.status(), body: (text ? JSON.parse(text) : undefined) as T | undefined };
      },
      app: async (method: string, hostname: string, path: string, body?: string) => {
        const res = await request.fetch(`/apps/${encodeURIComponent(hostname)}/${path}`, {
          method,
          headers: { ...headers, 'content-type': 'text/plain' },
          data: body,
        });
        return { status: res.status(), text: await res.text() };
      },
      sim: async <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => {
        const res = await request.fetch(`${simUrl()}${path}`, { method, data: body });
        expect(res.ok(), `sim ${method} ${path}`).toBe(true);
        const text = await res.text();
        return (text ? JSON.parse(text) : undefined) as T;
      },
    };
    await use(api);
    await request.dispose();
  }, { scope: 'worker' }],
});

async function login(request: APIRequestContext): Promise<string> {
  const res = await postLogin(request, ADMIN);
  expect(res.status(), 'API login').toBe(200);
  const body = (await res.json()) as { accessToken: string };
  return body.accessToken;
}

/** Logs in through the form, the way a person does (as admin unless told otherwise). */
export async function loginThroughForm(page: Page, credentials: { username: string; password: string } = ADMIN): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(credentials.username);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

export { expect };
