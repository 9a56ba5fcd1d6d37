import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PveClient } from '@corsinvest/cv4pve-api-javascript';
import { startSim, type SimHandle } from '../sim';

/**
 * Two Proxmox clients that share no code with Proxdeck's (`proxmox-api`) drive the simulator
 * through create from an OCI image, config, backup, restore and move_volume: Debian's
 * python3-proxmoxer (form-encoded bodies, `requests`) and the npm registry's
 * @corsinvest/cv4pve-api-javascript (JSON bodies, node's https). Both must see what Proxmox
 * would answer (apps/pve-sim/SOURCES.md names the code).
 */
interface TaskResult {
  exitstatus: string;
  log: string[];
}

interface DriveResult {
  pull: TaskResult;
  create: TaskResult;
  created: Record<string, unknown>;
  configured: Record<string, unknown>;
  backup: TaskResult;
  restore: TaskResult;
  restored: Record<string, unknown>;
  move: TaskResult;
  source: Record<string, unknown>;
  target: Record<string, unknown>;
}

const NGINX_ENV = [
  'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  'NGINX_VERSION=1.27.3',
  'NJS_VERSION=0.8.7',
  'NJS_RELEASE=1~bookworm',
  'PKG_RELEASE=1~bookworm',
  'DYNPKG_RELEASE=1~bookworm',
].join('\0');

/** The same steps as proxmoxer-drive.py, through cv4pve. */
async function driveWithCv4pve(sim: SimHandle): Promise<DriveResult> {
  const client = new PveClient('127.0.0.1', sim.port);
  client.apiToken = `${sim.tokenId}=${sim.tokenSecret}`;
  const data = async <T>(call: Promise<{ response: { data?: T }; isSuccessStatusCode: boolean; reasonPhrase: string }>): Promise<T> => {
    const result = await call;
    if (!result.isSuccessStatusCode) throw new Error(result.reasonPhrase);
    return result.response.data as T;
  };
  const task = async (upid: Promise<string>): Promise<TaskResult> => {
    const id = await upid;
    for (let i = 0; i < 400; i++) {
      const status = await data<{ status: string; exitstatus?: string }>(client.get(`/nodes/pve1/tasks/${encodeURIComponent(id)}/status`));
      if (status.status === 'stopped') {
        const log = await data<Array<{ t: string }>>(client.get(`/nodes/pve1/tasks/${encodeURIComponent(id)}/log`, { limit: 500 }));
        return { exitstatus: status.exitstatus ?? '', log: log.map((l) => l.t) };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`task ${id} did not end`);
  };
  const config = (vmid: number) => data<Record<string, unknown>>(client.get(`/nodes/pve1/lxc/${vmid}/config`));
  const out: Partial<DriveResult> = {};
  out.pull = await task(data(client.create('/nodes/pve1/storage/local/oci-registry-pull', { reference: 'docker.io/library/nginx:1.27.3' })));
  out.create = await task(data(client.create('/nodes/pve1/lxc', {
    vmid: 900, hostname: 'js', ostemplate: 'local:vztmpl/nginx_1.27.3.tar', rootfs: 'local-lvm:1',
    mp0: 'local-lvm:1,mp=/data,backup=1', net0: 'name=eth0,bridge=vmbr0,ip=dhcp', env: 'FROM_THE_API=1',
  })));
  out.created = await config(900);
  await data(client.set('/nodes/pve1/lxc/900/config', { env: `${String(out.created['env'])}\0FROM_THE_API=1` }));
  out.configured = await config(900);
  out.backup = await task(data(client.create('/nodes/pve1/vzdump', { vmid: 900, storage: 'local', mode: 'stop' })));
  const archives = await data<Array<{ volid: string }>>(client.get('/nodes/pve1/storage/local/content', { content: 'backup', vmid: 900 }));
  out.restore = await task(data(client.create('/nodes/pve1/lxc', { vmid: 901, ostemplate: archives[0].volid, restore: true, storage: 'local-lvm' })));
  out.restored = await config(901);
  out.move = await task(data(client.create('/nodes/pve1/lxc/900/move_volume', { volume: 'mp0', 'target-vmid': 901, 'target-volume': 'mp1' })));
  out.source = await config(900);
  out.target = await config(901);
  return out as DriveResult;
}

async function driveWithProxmoxer(sim: SimHandle): Promise<DriveResult> {
  const script = join(__dirname, 'proxmoxer-drive.py');
  const { stdout } = await promisify(execFile)('/usr/bin/python3', [script, '127.0.0.1', String(sim.port), sim.tokenSecret], { timeout: 60_000 });
  return JSON.parse(stdout) as DriveResult;
}

describe.each([
  ['python3-proxmoxer (Debian)', driveWithProxmoxer],
  ['@corsinvest/cv4pve-api-javascript (npm)', driveWithCv4pve],
])('pve-sim driven by %s', (_name, drive) => {
  let sim: SimHandle;
  let result: DriveResult;

  beforeAll(async () => {
    sim = await startSim({ taskSpeed: 0, nodes: 1 });
    result = await drive(sim);
  }, 90_000);

  afterAll(async () => {
    await sim.close();
  });

  it('pulls the image and creates the CT from it: the image\'s env and entrypoint replace the ones given (Create.pm L735-781)', () => {
    expect([result.pull.exitstatus, result.create.exitstatus]).toEqual(['OK', 'OK']);
    expect(result.create.log).toContain('Detected OCI archive');
    expect(result.created).toMatchObject({
      env: NGINX_ENV,
      entrypoint: "/docker-entrypoint.sh nginx -g 'daemon off;'",
      cmode: 'console',
      net0: expect.stringMatching(/^name=eth0,bridge=vmbr0,host-managed=1,hwaddr=[0-9A-F:]{17},ip=dhcp,type=veth$/),
      lxc: [['lxc.signal.halt', 'SIGQUIT']],
      mp0: 'local-lvm:vm-900-disk-1,mp=/data,backup=1,size=1G',
    });
  });

  it('takes env written after create', () => {
    expect(result.configured['env']).toBe(`${NGINX_ENV}\0FROM_THE_API=1`);
  });

  it('backs up the data volume with backup=1, and a restore by a token warns about the raw lxc keys it drops', () => {
    expect(result.backup.exitstatus).toBe('OK');
    expect(result.backup.log).toContain("INFO: including mount point mp0 ('/data') in backup");
    expect(result.restore.exitstatus).toBe('WARNINGS: 1');
    expect(result.restore.log).toContain('WARN: skipping custom lxc options, restore manually as root:');
    expect(result.restored['lxc']).toBeUndefined();
    expect(result.restored).toMatchObject({ env: `${NGINX_ENV}\0FROM_THE_API=1`, mp0: 'local-lvm:vm-901-disk-1,mp=/data,backup=1,size=1G' });
  });

  it('hands the data volume to the other CT with move_volume target-vmid', () => {
    expect(result.move.exitstatus).toBe('OK');
    expect(result.source['mp0']).toBeUndefined();
    expect(result.target['mp1']).toMatch(/^local-lvm:vm-901-disk-\d+,mp=\/data,backup=1,size=1G$/);
  });
});
