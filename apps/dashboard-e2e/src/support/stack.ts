import { expect, type AuthedApi } from './fixtures';

/** What the simulator holds (`GET /_sim/inventory`), as far as leak checks need it. */
export interface Inventory {
  containers: { vmid: number; node: string; hostname: string | null; status: string; lock: string | null; image: string | null; volumes: string[] }[];
  volumes: { volid: string; node: string; storage: string; content: string }[];
  tasks: { running: number };
}

interface AppView {
  id: string;
  hostname: string;
  status: string;
  vmid: number | null;
  version: string;
  activeOperation: unknown;
}

interface BackupView {
  id: string;
  appHostname: string;
  protected: boolean;
}

/** A hostname no earlier run used. */
export function uniqueHostname(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 2).toString(36)}`;
}

export function inventory(api: AuthedApi): Promise<Inventory> {
  return api.sim<Inventory>('GET', '/_sim/inventory');
}

/** Guest disks and backups; pulled images (vztmpl) are a cache every deploy shares. */
function guestVolumes(inv: Inventory): string[] {
  return inv.volumes.filter((volume) => volume.content !== 'vztmpl').map((volume) => `${volume.node}:${volume.volid}`).sort();
}

/**
 * The leak check every scenario ends with: once its apps and backups are gone, the simulator holds
 * exactly the containers and volumes it held before, no container is locked and no task runs.
 */
export async function expectNothingLeftBehind(api: AuthedApi, before: Inventory): Promise<void> {
  const containersBefore = before.containers.map((ct) => `${ct.node}/${ct.vmid}`).sort();
  await expect
    .poll(async () => {
      const now = await inventory(api);
      return {
        containers: now.containers.map((ct) => `${ct.node}/${ct.vmid}`).sort(),
        locked: now.containers.filter((ct) => ct.lock).map((ct) => `${ct.vmid}:${ct.lock}`),
        volumes: guestVolumes(now),
        runningTasks: now.tasks.running,
      };
    }, { timeout: 60_000, message: 'the simulator holds exactly what it held before the test' })
    .toEqual({ containers: containersBefore, locked: [], volumes: guestVolumes(before), runningTasks: 0 });
}

/** Deploys a catalog app through the API (the UI deploy has its own test) and waits until it runs. */
export async function deployApp(api: AuthedApi, hostname: string, catalogId = 'nginx'): Promise<string> {
  const accepted = await api.post<{ app: { id: string } }>('/apps', { catalogId, hostname });
  expect(accepted.status, 'deploy accepted').toBe(202);
  await waitForApp(api, accepted.body.app.id, 'running');
  return accepted.body.app.id;
}

/** nginx: light and quick; its data lives on the root disk. */
export function deployNginx(api: AuthedApi, hostname: string): Promise<string> {
  return deployApp(api, hostname, 'nginx');
}

/** Waits until the app has the status and nothing is in flight. */
export async function waitForApp(api: AuthedApi, appId: string, status: string): Promise<AppView> {
  let app: AppView | undefined;
  await expect
    .poll(async () => {
      const answer = await api.send<AppView>('GET', `/apps/${appId}`);
      if (answer.status !== 200) return `HTTP ${answer.status}`;
      app = answer.body as AppView;
      return `${app.status}${app.activeOperation ? ' (busy)' : ''}`;
    }, { timeout: 60_000 })
    .toBe(status);
  return app as AppView;
}

export async function findApp(api: AuthedApi, hostname: string): Promise<AppView | undefined> {
  const page = await api.get<{ items: AppView[] }>('/apps');
  return page.items.find((app) => app.hostname === hostname);
}

/** Deletes the apps (by hostname, if they exist) and every backup they left, waiting until all are gone. */
export async function removeAppsAndBackups(api: AuthedApi, hostnames: string[]): Promise<void> {
  for (const hostname of hostnames) {
    const app = await findApp(api, hostname);
    if (!app) continue;
    await expect.poll(async () => (await api.send('DELETE', `/apps/${app.id}`)).status, { timeout: 60_000 }).toBe(202);
    await expect.poll(async () => (await api.send('GET', `/apps/${app.id}`)).status, { timeout: 60_000 }).toBe(404);
  }
  const ours = (await listBackups(api)).filter((backup) => hostnames.includes(backup.appHostname));
  for (const backup of ours) {
    if (backup.protected) await api.send('PATCH', `/backups/${backup.id}`, { protected: false });
    await expect.poll(async () => (await api.send('DELETE', `/backups/${backup.id}`)).status, { timeout: 60_000 }).toBe(202);
  }
  for (const backup of ours) {
    await expect.poll(async () => hasBackup(api, backup.id), { timeout: 60_000 }).toBe(false);
  }
}

async function hasBackup(api: AuthedApi, id: string): Promise<boolean> {
  return (await listBackups(api)).some((backup) => backup.id === id);
}

async function listBackups(api: AuthedApi): Promise<BackupView[]> {
  const answer = await api.send<{ items: BackupView[] } | BackupView[]>('GET', '/backups?limit=100');
  expect(answer.status, 'GET /backups').toBe(200);
  const body = answer.body ?? [];
  return Array.isArray(body) ? body : body.items;
}

/** Writes a value into the app's data (the simulator stores it on the app's volume). */
export async function writeDataMarker(api: AuthedApi, hostname: string, value: string): Promise<void> {
  const put = await api.app('PUT', hostname, '.sim-data/marker', value);
  expect(put.status, `PUT /apps/${hostname}/.sim-data/marker`).toBe(200);
}

/** The app's data marker, once the app answers with it (a restarted app takes a moment to listen). */
export async function expectDataMarker(api: AuthedApi, hostname: string, value: string): Promise<void> {
  await expect
    .poll(async () => {
      const got = await api.app('GET', hostname, '.sim-data/marker');
      return got.status === 200 ? got.text : `HTTP ${got.status}`;
    }, { timeout: 30_000, message: `data marker of ${hostname}` })
    .toBe(value);
}

/**
 * Publishes a release of a simulated image newer than every tag it has (`<major>.<minor>.<patch+1>`),
 * so it is the newest on an update track like `^1\\.27\\.\\d+$`. `unhealthy`: its containers answer HTTP 500.
 */
export async function publishNewerTag(api: AuthedApi, repository: string, { unhealthy }: { unhealthy: boolean }): Promise<string> {
  const { images } = await api.sim<{ images: { repository: string; tags: string[] }[] }>('GET', '/_sim/images');
  const image = images.find((candidate) => candidate.repository === repository);
  if (!image) throw new Error(`the simulator has no image ${repository}`);
  const newest = image.tags
    .map((tag) => tag.split('.').map(Number))
    .filter((parts) => parts.length === 3 && parts.every(Number.isInteger))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2])
    .at(-1);
  if (!newest) throw new Error(`${repository} has no x.y.z tag`);
  const tag = `${newest[0]}.${newest[1]}.${newest[2] + 1}`;
  await api.sim('POST', '/_sim/images', { repository, ...(unhealthy ? { unhealthyTags: [tag] } : { tags: [tag] }) });
  return tag;
}
