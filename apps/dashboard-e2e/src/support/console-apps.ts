import { expect, type AuthedApi } from './fixtures';

interface AppView {
  id: string;
  hostname: string;
  node: string | null;
  status: string;
  activeOperation: unknown;
}

/** A name no earlier run used. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 2).toString(36)}`;
}

/** Waits until the app has this status with nothing in flight. */
export async function waitForStatus(api: AuthedApi, appId: string, status: string): Promise<AppView> {
  let app: AppView | undefined;
  await expect
    .poll(
      async () => {
        app = (await api.send<AppView>('GET', `/apps/${appId}`)).body;
        return app ? `${app.status}${app.activeOperation ? ' (busy)' : ''}` : 'gone';
      },
      { timeout: 60_000, message: `app ${appId} becomes ${status}` },
    )
    .toBe(status);
  return app as AppView;
}

/** Deploys a small app through the API (the UI deploy has its own test) and waits until it runs. */
export async function deployRunning(api: AuthedApi, hostname: string, catalogId = 'whoami'): Promise<AppView> {
  const accepted = await api.post<{ app: { id: string } }>('/apps', { catalogId, hostname });
  expect(accepted.status, 'deploy accepted').toBe(202);
  return waitForStatus(api, accepted.body.app.id, 'running');
}

/** Deletes the app (when busy, once its operation ends) and waits until it is gone. */
export async function deleteApp(api: AuthedApi, appId: string): Promise<void> {
  await expect
    .poll(async () => [202, 404].includes((await api.send('DELETE', `/apps/${appId}`)).status), { timeout: 60_000, message: `delete of ${appId} accepted` })
    .toBe(true);
  await expect.poll(async () => (await api.send('GET', `/apps/${appId}`)).status, { timeout: 60_000 }).toBe(404);
}
