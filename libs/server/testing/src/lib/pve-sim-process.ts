import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
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
  /** Calls the simulator's admin API (`/_sim/...`). */
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export interface SimOptions {
  nodes?: number;
  taskSpeed?: number;
  extraArgs?: string[];
}

/** Starts the built simulator (dist/apps/pve-sim/main.js) over HTTP on a free port. */
export async function startPveSim(options: SimOptions = {}): Promise<RunningSim> {
  const main = join(workspaceRoot(), 'dist/apps/pve-sim/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build it first (npx nx run pve-sim:build)`);
  const args = [main, '--http', '--port', '0', '--host', '127.0.0.1', '--json', '--auth-delay-ms', '0',
    '--nodes', String(options.nodes ?? 3), '--task-speed', String(options.taskSpeed ?? 0), ...(options.extraArgs ?? [])];
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
    admin: async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${ready.url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`sim admin ${method} ${path}: ${res.status} ${await res.text()}`);
      const text = await res.text();
      return (text ? JSON.parse(text) : undefined) as T;
    },
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
