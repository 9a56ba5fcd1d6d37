import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@proxdeck/server-testing';

/**
 * The built worker (`node dist/apps/worker/main.js`, as tools/lib/stack.mjs and production run it)
 * in a process of its own, so a test can kill it the hard way: SIGKILL runs no shutdown hook, the
 * operating system just drops its Postgres and Redis connections.
 */
export class WorkerProcess {
  private output = '';
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    const keep = (d: Buffer) => (this.output = (this.output + d.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Starts a worker with exactly `env` (plus PATH); it migrates, then takes jobs of its Redis prefix. */
  static start(env: Record<string, string>): WorkerProcess {
    const main = join(workspaceRoot(), 'dist/apps/worker/main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: build the worker first (npx nx run worker:build)`);
    const child = spawn(process.execPath, [main], {
      cwd: workspaceRoot(),
      env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new WorkerProcess(child);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the worker logged (pino JSON), for assertions and for failure messages. */
  get log(): string {
    return this.output;
  }

  /** Dies at once, mid-operation: no graceful close of BullMQ, no lock released by the worker itself. */
  async kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (shutdown hooks run), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    const hard = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    this.child.kill('SIGTERM');
    await this.exited;
    clearTimeout(hard);
  }
}
