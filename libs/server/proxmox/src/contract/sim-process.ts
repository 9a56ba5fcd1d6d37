import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

/** What pve-sim prints as its single `--json` ready line. */
export interface SimReady {
  ready: true;
  url: string;
  port: number;
  nodes: string[];
  rootPassword: string;
  tokenId: string;
  tokenSecret: string;
}

export interface RunningSim extends SimReady {
  /** POST/DELETE/GET on the unauthenticated admin API (`/_sim/...`). */
  admin(method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

const WORKSPACE_ROOT = path.resolve(__dirname, '../../../../..');
export const SIM_MAIN = path.join(WORKSPACE_ROOT, 'dist/apps/pve-sim/main.js');

/**
 * Starts the built simulator on a free port (HTTP, 2 nodes, instant tasks, no 401 delay) and
 * resolves with its ready line. Fails (never skips) with a clear message when it is not built.
 */
export async function startSim(opts: { https?: boolean; extraArgs?: string[]; readyTimeoutMs?: number } = {}): Promise<RunningSim> {
  if (!existsSync(SIM_MAIN)) {
    throw new Error(`pve-sim is not built (${SIM_MAIN} missing). Run: npx nx run pve-sim:build`);
  }
  const child = spawn(
    process.execPath,
    [
      SIM_MAIN,
      ...(opts.https ? [] : ['--http']),
      ...['--port', '0', '--nodes', '2', '--task-speed', '0', '--json', '--auth-delay-ms', '0'],
      ...(opts.extraArgs ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const ready = await waitForReadyLine(child, opts.readyTimeoutMs ?? 30_000);
  return {
    ...ready,
    admin: (method, route, body) => adminRequest(ready.url, method, route, body),
    stop: () => stopChild(child),
  };
}

function waitForReadyLine(child: ChildProcess, timeoutMs: number): Promise<SimReady> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (reason: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`pve-sim did not start: ${reason}\n--- stderr ---\n${stderr.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`no ready line within ${timeoutMs} ms`), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
    });
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      const line = stdout.slice(0, newline);
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout?.removeAllListeners('data');
      // Keep draining both pipes so the simulator never blocks on a full pipe.
      child.stdout?.resume();
      try {
        const parsed = JSON.parse(line) as SimReady;
        if (!parsed.ready || !parsed.url) throw new Error('not a ready line');
        resolve(parsed);
      } catch {
        child.kill('SIGKILL');
        reject(new Error(`pve-sim printed an unexpected first line: ${line}`));
      }
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function adminRequest(base: string, method: string, route: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      new URL(route, base),
      {
        method,
        agent: false,
        headers: payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {},
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // keep the raw text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}
