import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { rawRequest } from '../test-support/sim-client';
import { testTlsFiles } from '../test-support/test-tls';

interface ReadyLine {
  ready: boolean;
  url: string;
  port: number;
  nodes: string[];
  rootPassword: string;
  tokenId: string;
  tokenSecret: string;
}

/** src/main.ts through ts-node, as `node dist/apps/pve-sim/main.js` would run. */
function spawnCli(args: string[]): { child: ChildProcessByStdio<null, Readable, Readable>; exited: Promise<number | null>; stderr: () => string } {
  const root = resolve(__dirname, '../../../..');
  const child = spawn(process.execPath, ['-r', 'ts-node/register', 'apps/pve-sim/src/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, TS_NODE_PROJECT: 'apps/pve-sim/tsconfig.app.json', TS_NODE_TRANSPILE_ONLY: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, exited, stderr: () => stderr };
}

/** Resolves with the first stdout line and everything printed so far. */
function firstLine(child: ChildProcessByStdio<null, Readable, Readable>): Promise<{ line: string; stdout: () => string }> {
  let stdout = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error('no ready line within 25 s')), 25_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const nl = stdout.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        done({ line: stdout.slice(0, nl), stdout: () => stdout });
      }
    });
  });
}

const QUICK = ['--port', '0', '--json', '--nodes', '2', '--task-speed', '0', '--auth-delay-ms', '0'];

/** The CLI contract other projects rely on: one JSON ready line on stdout, clean exit on SIGTERM. */
describe('pve-sim CLI (src/main.ts through ts-node)', () => {
  it('prints exactly one JSON ready line, serves the API, and exits 0 on SIGTERM', async () => {
    const { child, exited } = spawnCli(['--http', ...QUICK]);
    const { line, stdout } = await firstLine(child);
    const ready = JSON.parse(line) as ReadyLine;
    expect(ready).toMatchObject({ ready: true, nodes: ['pve1', 'pve2'], rootPassword: 'proxdeck', tokenId: 'root@pam!proxdeck' });
    expect(ready.url).toBe(`http://127.0.0.1:${ready.port}`);
    expect(ready.tokenSecret).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const version = await rawRequest(`${ready.url}/api2/json/version`, { headers: { Authorization: `PVEAPIToken=${ready.tokenId}=${ready.tokenSecret}` } });
    expect(version.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout().trim().split('\n')).toHaveLength(1);
  }, 40_000);

  it('serves the certificate from --tls-cert/--tls-key to a verifying client', async () => {
    const files = testTlsFiles();
    const { child, exited } = spawnCli([...QUICK, '--tls-cert', files.cert, '--tls-key', files.key]);
    const ready = JSON.parse((await firstLine(child)).line) as ReadyLine;
    expect(ready.url).toBe(`https://127.0.0.1:${ready.port}`);
    const res = await fetch(`${ready.url}/api2/json/version`, { headers: { Authorization: `PVEAPIToken=${ready.tokenId}=${ready.tokenSecret}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { version: string } }).data.version).toMatch(/^9\.2\./);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 40_000);

  it('exits 1 with a clear message for a lone --tls-cert or an unreadable file', async () => {
    const files = testTlsFiles();
    const lone = spawnCli([...QUICK, '--tls-cert', files.cert]);
    expect(await lone.exited).toBe(1);
    expect(lone.stderr()).toBe('pve-sim: --tls-cert and --tls-key go together: give both or neither\n');
    const missing = spawnCli([...QUICK, '--tls-cert', '/nonexistent/cert.pem', '--tls-key', files.key]);
    expect(await missing.exited).toBe(1);
    expect(missing.stderr()).toMatch(/^pve-sim: cannot read TLS certificate file '\/nonexistent\/cert\.pem': ENOENT/);
  }, 40_000);
});
