import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@nx/devkit';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

/** The simulator of the running e2e stack (tools/e2e-stack.mjs writes where it is). */
function simUrl(): string {
  const info = JSON.parse(readFileSync(join(workspaceRoot, 'dist/e2e-stack.json'), 'utf8')) as { simUrl: string };
  return info.simUrl;
}

export const ADMIN = { username: 'admin', password: 'e2e-admin-password' };

interface WorkerFixtures {
  /** Logs which Chromium runs the suite (Debian's package; TOOLCHAIN.md pins Playwright to it). */
  browserVersion: string;
}

interface Fixtures {
  /** Fails the test on any console error or unhandled page error. */
  consoleGuard: void;
  /** An API client logged in as admin (Bearer token), for setup and for checks behind the UI. */
  api: AuthedApi;
}

export interface AuthedApi {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<{ status: number; body: T }>;
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
  consoleGuard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      await use();
      if (problems.length) throw new Error(`the page logged errors:\n${problems.join('\n')}`);
    },
    { auto: true },
  ],
  api: async ({ playwright, baseURL }, use) => {
    // The simulator speaks HTTPS with a self-signed certificate, as a fresh Proxmox VE does.
    const request = await playwright.request.newContext({ baseURL, ignoreHTTPSErrors: true });
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
      sim: async <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => {
        const res = await request.fetch(`${simUrl()}${path}`, { method, data: body });
        expect(res.ok(), `sim ${method} ${path}`).toBe(true);
        const text = await res.text();
        return (text ? JSON.parse(text) : undefined) as T;
      },
    };
    await use(api);
    await request.dispose();
  },
});

async function login(request: APIRequestContext): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: ADMIN });
  expect(res.status(), 'API login').toBe(200);
  const body = (await res.json()) as { accessToken: string };
  return body.accessToken;
}

/** Logs in through the form, the way a person does. */
export async function loginThroughForm(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}

export { expect };
