import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@nx/devkit';
import { expect } from '@playwright/test';
import pg from 'pg';

interface StackInfo {
  url: string;
  pid: number;
  databaseUrl: string;
}

function stackInfo(baseURL: string): StackInfo {
  const info = JSON.parse(readFileSync(join(workspaceRoot, 'dist/e2e-stack.json'), 'utf8')) as StackInfo;
  // Another stack of this checkout may have written the file since: never signal someone else's.
  if (new URL(info.url).port !== new URL(baseURL).port) throw new Error(`dist/e2e-stack.json describes ${info.url}, not ${baseURL}`);
  return info;
}

async function readyz(baseURL: string): Promise<string> {
  try {
    return `HTTP ${(await fetch(new URL('/readyz', baseURL))).status}`;
  } catch {
    return 'unreachable';
  }
}

/**
 * Takes the e2e stack's gateway away and brings it back (tools/e2e-stack.mjs: each SIGUSR2 toggles
 * it), while the worker, the simulator and the database keep running.
 */
export class GatewayOutage {
  private down = false;
  private readonly info: StackInfo;
  private readonly baseURL: string;

  constructor(baseURL: string | undefined) {
    if (!baseURL) throw new Error('GatewayOutage needs the base URL of the e2e stack (the baseURL fixture)');
    this.baseURL = baseURL;
    this.info = stackInfo(baseURL);
  }

  async begin(): Promise<void> {
    process.kill(this.info.pid, 'SIGUSR2');
    this.down = true;
    await expect.poll(() => readyz(this.baseURL), { timeout: 30_000, message: 'the gateway is down' }).toBe('unreachable');
  }

  async end(): Promise<void> {
    if (!this.down) return;
    process.kill(this.info.pid, 'SIGUSR2');
    this.down = false;
    await expect.poll(() => readyz(this.baseURL), { timeout: 90_000, message: 'the gateway is back' }).toBe('HTTP 200');
  }

  /** The state of an operation straight from the database, for while the API is away. */
  async operationState(id: string): Promise<string | undefined> {
    const client = new pg.Client({ connectionString: this.info.databaseUrl });
    await client.connect();
    try {
      const result = await client.query<{ state: string }>('SELECT state FROM operations WHERE id = $1', [id]);
      return result.rows[0]?.state;
    } finally {
      await client.end();
    }
  }
}
