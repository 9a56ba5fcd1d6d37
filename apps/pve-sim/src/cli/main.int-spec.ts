import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { rawRequest } from '../test-support/sim-client';

/** The CLI contract other projects rely on: one JSON ready line on stdout, clean exit on SIGTERM. */
describe('pve-sim CLI (src/main.ts through ts-node)', () => {
  it('prints exactly one JSON ready line, serves the API, and exits 0 on SIGTERM', async () => {
    const root = resolve(__dirname, '../../../..');
    const child = spawn(process.execPath, ['-r', 'ts-node/register', 'apps/pve-sim/src/main.ts', '--port', '0', '--http', '--json', '--nodes', '2', '--task-speed', '0', '--auth-delay-ms', '0'], {
      cwd: root,
      env: { ...process.env, TS_NODE_PROJECT: 'apps/pve-sim/tsconfig.app.json', TS_NODE_TRANSPILE_ONLY: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const line = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error('no ready line within 25 s')), 25_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const nl = stdout.indexOf('\n');
        if (nl >= 0) {
          clearTimeout(timer);
          done(stdout.slice(0, nl));
        }
      });
    });
    const ready = JSON.parse(line) as { ready: boolean; url: string; port: number; nodes: string[]; rootPassword: string; tokenId: string; tokenSecret: string };
    expect(ready).toMatchObject({ ready: true, nodes: ['pve1', 'pve2'], rootPassword: 'proxdeck', tokenId: 'root@pam!proxdeck' });
    expect(ready.url).toBe(`http://127.0.0.1:${ready.port}`);
    expect(ready.tokenSecret).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const version = await rawRequest(`${ready.url}/api2/json/version`, { headers: { Authorization: `PVEAPIToken=${ready.tokenId}=${ready.tokenSecret}` } });
    expect(version.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
  }, 40_000);
});
