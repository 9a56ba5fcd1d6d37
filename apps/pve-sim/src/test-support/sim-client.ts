import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ProxmoxEngine, proxmoxApi, type Proxmox } from 'proxmox-api';
import type { SimHandle } from '../sim';

export interface RawResponse {
  status: number;
  statusText: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request (no keep-alive, self-signed certificates accepted) to see exact status lines and headers. */
export function rawRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  const u = new URL(url);
  const fn = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = fn(
      u,
      { method: opts.method ?? 'GET', headers: opts.headers, agent: false, rejectUnauthorized: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The real `proxmox-api` client against a sim, by password or by token. */
export function clientFor(sim: SimHandle, auth: 'password' | 'token' = 'token'): { api: Proxmox.Api; engine: ProxmoxEngine } {
  const common = { host: sim.host, port: sim.port, schema: sim.protocol, authTimeout: 10000, queryTimeout: 10000 } as const;
  const engine =
    auth === 'token'
      ? new ProxmoxEngine({ ...common, tokenID: sim.tokenId, tokenSecret: sim.tokenSecret })
      : new ProxmoxEngine({ ...common, username: 'root@pam', password: sim.rootPassword });
  return { api: proxmoxApi(engine), engine };
}

export interface TaskStatus {
  upid: string;
  status: string;
  exitstatus?: string;
  type: string;
  id: string;
  user: string;
  tokenid?: string;
}

/** Polls a task until it stops, the way Proxdeck's worker does. */
export async function waitTask(api: Proxmox.Api, node: string, upid: string, timeoutMs = 20000): Promise<TaskStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await api.nodes.$(node).tasks.$(upid).status.$get()) as unknown as TaskStatus;
    if (status.status === 'stopped') return status;
    if (Date.now() > deadline) throw new Error(`task ${upid} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `POST .../oci-registry-pull` (new in PVE 9; not in proxmox-api's generated model, so called by path). */
export async function ociPull(engine: ProxmoxEngine, node: string, storage: string, reference: string): Promise<string> {
  return (await engine.doRequest('POST', `/api2/json/nodes/${node}/storage/${storage}/oci-registry-pull`, '', { reference })) as string;
}

export async function taskLog(api: Proxmox.Api, node: string, upid: string): Promise<string[]> {
  const lines = await api.nodes.$(node).tasks.$(upid).log.$get({ limit: 0 });
  return lines.map((l) => String(l.t));
}
