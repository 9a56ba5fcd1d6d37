import { request, type APIRequestContext } from '@playwright/test';
import { expect, simUrl } from './fixtures';

const NGINX = 'docker.io/library/nginx:1.27.3';

interface PveSession {
  api: APIRequestContext;
  call<T>(method: 'GET' | 'POST', path: string, form?: Record<string, string | number>): Promise<T>;
}

/** The simulator's Proxmox API as root@pam (its default password), like a person with a shell on the node. */
async function pveSession(): Promise<PveSession> {
  const api = await request.newContext({ baseURL: simUrl(), ignoreHTTPSErrors: true });
  const login = await api.post('/api2/json/access/ticket', { form: { username: 'root@pam', password: 'proxdeck' } });
  expect(login.status(), 'PVE ticket login').toBe(200);
  const { data } = (await login.json()) as { data: { ticket: string; CSRFPreventionToken: string } };
  const headers = { cookie: `PVEAuthCookie=${data.ticket}`, CSRFPreventionToken: data.CSRFPreventionToken };
  return {
    api,
    call: async <T>(method: 'GET' | 'POST', path: string, form?: Record<string, string | number>) => {
      const res = await api.fetch(`/api2/json${path}`, { method, headers, form });
      expect(res.status(), `PVE ${method} ${path}: ${await res.text()}`).toBe(200);
      return ((await res.json()) as { data: T }).data;
    },
  };
}

async function waitForTask(pve: PveSession, node: string, upid: string): Promise<void> {
  await expect
    .poll(async () => {
      const status = await pve.call<{ status: string; exitstatus?: string }>('GET', `/nodes/${node}/tasks/${encodeURIComponent(upid)}/status`);
      return status.status === 'stopped' ? status.exitstatus : 'running';
    }, { timeout: 30_000, message: `PVE task ${upid}` })
    .toBe('OK');
}

/**
 * Makes a running nginx container by hand on `node`, as one made before Proxdeck: no Proxdeck tag
 * or marker, so it is an adoption candidate. Returns its vmid. With `extra` (e.g. the tag and
 * marker description of an app that no longer exists) it is made as that says instead.
 */
export async function createForeignContainer(node: string, hostname: string, extra: Record<string, string> = {}): Promise<number> {
  const pve = await pveSession();
  try {
    const templates = await pve.call<{ volid: string }[]>('GET', `/nodes/${node}/storage/local/content?content=vztmpl`);
    let ostemplate = templates.find((volume) => volume.volid.includes('nginx_1.27.3'))?.volid;
    if (!ostemplate) {
      await waitForTask(pve, node, await pve.call<string>('POST', `/nodes/${node}/storage/local/oci-registry-pull`, { reference: NGINX }));
      ostemplate = 'local:vztmpl/nginx_1.27.3.tar';
    }
    const vmid = Number(await pve.call<string>('GET', '/cluster/nextid'));
    const upid = await pve.call<string>('POST', `/nodes/${node}/lxc`, {
      vmid,
      ostemplate,
      hostname,
      cores: 1,
      memory: 256,
      rootfs: 'local-lvm:2',
      net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
      start: 1,
      ...extra,
    });
    await waitForTask(pve, node, upid);
    return vmid;
  } finally {
    await pve.api.dispose();
  }
}
