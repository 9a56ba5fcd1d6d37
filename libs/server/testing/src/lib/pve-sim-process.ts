import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { workspaceRoot } from './workspace-root';

export interface RunningSim {
  url: string;
  port: number;
  nodes: string[];
  rootPassword: string;
  tokenId: string;
  tokenSecret: string;
  /** Calls the simulator's admin API (`/_sim/...`): fault injection, inventory, reset. */
  admin<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export interface SimOptions {
  nodes?: number;
  taskSpeed?: number;
  /** HTTPS with the simulator's generated self-signed certificate, as a fresh PVE node has. */
  https?: boolean;
  extraArgs?: string[];
  /** Id of a cluster-wide NFS storage every node sees (`--shared-storage`), e.g. for clones to another node. */
  sharedStorage?: string;
  /**
   * The Proxmox VE release to act like (`--pve-version`); default `PVE_SIM_VERSION` from the
   * environment, else the simulator's own default (the current release).
   */
  pveVersion?: string;
}

/** DHCP ranges handed to simulators of this process: 127.100.x.y upwards, offset by pid across processes. */
let simsStarted = 0;
function nextDhcpOctet(): number {
  return 100 + ((process.pid * 7 + simsStarted++) % 150);
}

/**
 * Starts the built simulator (dist/apps/pve-sim/main.js) on a free port; HTTP unless asked. Each gets
 * its own DHCP range, so simulators of parallel suites never hand two containers one address.
 */
export async function startPveSim(options: SimOptions = {}): Promise<RunningSim> {
  const main = join(workspaceRoot(), 'dist/apps/pve-sim/main.js');
  const pveVersion = options.pveVersion ?? process.env['PVE_SIM_VERSION'];
  if (!existsSync(main)) throw new Error(`${main} is missing: build it first (npx nx run pve-sim:build)`);
  const args = [main, ...(options.https ? [] : ['--http']), '--port', '0', '--host', '127.0.0.1', '--json', '--auth-delay-ms', '0',
    '--nodes', String(options.nodes ?? 3), '--task-speed', String(options.taskSpeed ?? 0), '--dhcp-octet', String(nextDhcpOctet()),
    ...(options.sharedStorage ? ['--shared-storage', options.sharedStorage] : []),
    ...(pveVersion ? ['--pve-version', pveVersion] : []), ...(options.extraArgs ?? [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const ready = await new Promise<Omit<RunningSim, 'admin' | 'stop'>>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const timer = setTimeout(() => reject(new Error(`pve-sim did not start within 15 s: ${stderr}`)), 15_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as Omit<RunningSim, 'admin' | 'stop'>);
      } catch {
        reject(new Error(`pve-sim printed an unexpected first line: ${line}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pve-sim exited with ${code}: ${stderr}`));
    });
  });
  child.stdout?.resume();
  return {
    ...ready,
    admin: <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => adminRequest<T>(ready.url, method, path, body),
    stop: () => stopChild(child),
  };
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The admin API is the simulator's own, on the same port; its certificate is self-signed by design. */
function adminRequest<T>(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method,
        agent: false,
        rejectUnauthorized: false,
        headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : undefined) as T }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
