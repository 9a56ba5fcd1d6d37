import type { Proxmox, ProxmoxEngine } from 'proxmox-api';
import { dhcpAddress } from './network/container-ip';
import { startSim, type SimHandle } from './sim';
import type { PveVersionName } from './sim-options';
import { clientFor, ociPull, rawRequest, taskLog, waitTask } from './test-support/sim-client';

const NET0 = 'name=eth0,bridge=vmbr0,ip=dhcp';
const PROMETHEUS = 'local:vztmpl/prometheus_v3.0.1.tar';

/**
 * OCI create applies the image's configuration after the API parameters, as pve-container
 * src/PVE/LXC/Create.pm `restore_oci_archive` (L668-784) does, and the app runs as that
 * configuration says: as the image's user from pve-container 6.1.0 (9.2), as root before (9.1.4).
 */
describe.each<[PveVersionName, { uid: boolean; keepattrs: boolean }]>([
  ['9.2', { uid: true, keepattrs: true }],
  ['9.1.4', { uid: false, keepattrs: false }],
])('pve-sim %s: containers from OCI images', (version, expected) => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;
  const ct = (vmid: number) => api.nodes.$('pve1').lxc.$(vmid);
  const ok = async (upid: Promise<string>): Promise<string[]> => {
    const id = await upid;
    expect((await waitTask(api, 'pve1', id)).exitstatus).toBe('OK');
    return taskLog(api, 'pve1', id);
  };
  const config = async (vmid: number) => (await engine.doRequest('GET', `/api2/json/nodes/pve1/lxc/${vmid}/config`, '', {})) as Record<string, unknown>;

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0, pveVersion: version });
    ({ api, engine } = clientFor(sim));
    await ok(ociPull(engine, 'pve1', 'local', 'docker.io/prom/prometheus:v3.0.1'));
  });

  afterAll(async () => {
    await sim.close();
  });

  it('replaces env and entrypoint given at create with the image\'s, sets cmode, host-managed and the raw lxc.init keys (Create.pm L735-781)', async () => {
    // proxmox-api's types predate PVE 9's env and entrypoint: raw requests.
    const create = engine.doRequest('POST', '/api2/json/nodes/pve1/lxc', '', { vmid: '700', hostname: 'prom', ostemplate: PROMETHEUS, rootfs: 'local-lvm:2', net0: NET0, env: 'SECRET=from-the-api', entrypoint: '/bin/sh' });
    const log = await ok(create as Promise<string>);
    const conf = await config(700);
    expect(conf['env']).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    expect(conf['entrypoint']).toBe('/bin/prometheus --config.file=/etc/prometheus/prometheus.yml --storage.tsdb.path=/prometheus');
    expect(conf['cmode']).toBe('console');
    expect(String(conf['net0'])).toMatch(/^name=eth0,bridge=vmbr0,host-managed=1,hwaddr=/);
    const lxc = conf['lxc'] as string[][];
    expect(lxc).toEqual(expect.arrayContaining([['lxc.init.cwd', '/prometheus'], ['lxc.signal.halt', 'SIGTERM']]));
    expect(lxc.some(([k]) => k === 'lxc.init.uid')).toBe(expected.uid);
    if (expected.uid) expect(lxc).toEqual(expect.arrayContaining([['lxc.init.uid', '65534'], ['lxc.init.gid', '65534']]));
    expect(log).toEqual(expect.arrayContaining(['Detected OCI archive', 'creating base directory for volume at /prometheus', 'Auto-Enabling host-managed network for network device net0.']));
  });

  it('the app gets the env written after create, and reports it at /.sim-env', async () => {
    await engine.doRequest('PUT', '/api2/json/nodes/pve1/lxc/700/config', '', { env: 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\0ADMIN_PASSWORD=s3cret' });
    await ok(ct(700).status.start.$post());
    const res = await rawRequest(`http://${dhcpAddress(700)}:9090/.sim-env`);
    expect(JSON.parse(res.body)).toEqual({
      env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ADMIN_PASSWORD: 's3cret' },
      uid: expected.uid ? 65534 : 0,
      gid: expected.uid ? 65534 : 0,
      cwd: '/prometheus',
    });
    await ok(ct(700).status.stop.$post());
  });

  it(`a fresh data volume ${expected.uid ? 'stops the app (its user cannot write it) unless keepattrs=1 gives it the image directory\'s owner' : 'is written by root: the image\'s user is not honoured'}`, async () => {
    await ok(api.nodes.$('pve1').lxc.$post({ vmid: 701, hostname: 'prom2', ostemplate: PROMETHEUS, rootfs: 'local-lvm:2', mp0: 'local-lvm:1,mp=/prometheus', net0: NET0 }));
    await ok(ct(701).status.start.$post());
    const status = (await ct(701).status.current.$get()).status;
    const console = JSON.parse((await rawRequest(`${sim.url}/_sim/containers/701/console`)).body) as { lines: string[] };
    if (expected.uid) {
      expect(status).toBe('stopped');
      expect(console.lines).toEqual(['/prometheus: Permission denied: the app writes as uid 65534, but mp0 (/prometheus) belongs to uid 0']);
    } else {
      expect([status, console.lines]).toEqual(['running', []]);
      await ok(ct(701).status.stop.$post());
    }
    if (!expected.keepattrs) return;
    await ok(api.nodes.$('pve1').lxc.$post({ vmid: 702, hostname: 'prom3', ostemplate: PROMETHEUS, rootfs: 'local-lvm:2', mp0: 'local-lvm:1,mp=/prometheus,keepattrs=1', net0: NET0 }));
    await ok(ct(702).status.start.$post());
    expect((await ct(702).status.current.$get()).status).toBe('running');
    await ok(ct(702).status.stop.$post());
  });

  it('vzdump archives a mount point only with backup=1 (pve-container Config.pm mountpoint_backup_enabled L66-86)', async () => {
    await ok(api.nodes.$('pve1').lxc.$post({ vmid: 703, hostname: 'two', ostemplate: PROMETHEUS, rootfs: 'local-lvm:2', mp0: 'local-lvm:1,mp=/prometheus,backup=1', mp1: 'local-lvm:1,mp=/scratch', net0: NET0 }));
    const log = await ok(engine.doRequest('POST', '/api2/json/nodes/pve1/vzdump', '', { vmid: '703', storage: 'local', mode: 'stop' }) as Promise<string>);
    expect(log).toEqual(expect.arrayContaining([
      "INFO: including mount point rootfs ('/') in backup",
      "INFO: including mount point mp0 ('/prometheus') in backup",
      "INFO: excluding volume mount point mp1 ('/scratch') from backup (disabled)",
    ]));
  });

  it('a restore by an API token drops the raw lxc keys with a warning (Create.pm sanitize_and_merge_config L553-566)', async () => {
    const list = (await api.nodes.$('pve1').storage.$('local').content.$get({ content: 'backup', vmid: 703 })) as Array<{ volid: string }>;
    const upid = await api.nodes.$('pve1').lxc.$post({ vmid: 704, ostemplate: list[0].volid, restore: true, storage: 'local-lvm' });
    expect((await waitTask(api, 'pve1', upid)).exitstatus).toBe('WARNINGS: 1');
    const log = await taskLog(api, 'pve1', upid);
    const warning = [
      'WARN: skipping custom lxc options, restore manually as root:',
      '--------------------------------',
      ...(expected.uid ? ['lxc.init.uid: 65534', 'lxc.init.gid: 65534'] : []),
      'lxc.init.cwd: /prometheus',
      'lxc.signal.halt: SIGTERM',
      '--------------------------------',
    ];
    const at = log.indexOf(warning[0]);
    expect(log.slice(at, at + warning.length)).toEqual(warning);
    expect((await config(704))['lxc']).toBeUndefined();
    expect((await config(704))['mp1']).toMatch(/^local-lvm:vm-704-disk-\d+,mp=\/scratch,size=1G$/);
  });

  it('an app whose command is relative to its WorkingDir does not start once a token\'s restore dropped lxc.init.cwd; root@pam\'s restore keeps it (Create.pm L553-566)', async () => {
    await ok(ociPull(engine, 'pve1', 'local', 'docker.io/neosmemo/memos:0.23.0'));
    await ok(api.nodes.$('pve1').lxc.$post({ vmid: 710, hostname: 'memos', ostemplate: 'local:vztmpl/memos_0.23.0.tar', rootfs: 'local-lvm:2', net0: NET0 }));
    await ok(ct(710).status.start.$post());
    expect((await ct(710).status.current.$get()).status).toBe('running');
    await ok(engine.doRequest('POST', '/api2/json/nodes/pve1/vzdump', '', { vmid: '710', storage: 'local', mode: 'snapshot' }) as Promise<string>);
    const [archive] = (await api.nodes.$('pve1').storage.$('local').content.$get({ content: 'backup', vmid: 710 })) as Array<{ volid: string }>;
    const consoleOf = async (vmid: number) => (JSON.parse((await rawRequest(`${sim.url}/_sim/containers/${vmid}/console`)).body) as { lines: string[] }).lines;

    await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$post({ vmid: 711, ostemplate: archive.volid, restore: true, storage: 'local-lvm' }));
    await ok(ct(711).status.start.$post());
    expect((await ct(711).status.current.$get()).status).toBe('stopped');
    expect(await consoleOf(711)).toEqual(['./memos: No such file or directory: the app starts in /, but its image runs it from /usr/local/memos (lxc.init.cwd)']);

    const root = clientFor(sim, 'password');
    await ok(root.api.nodes.$('pve1').lxc.$post({ vmid: 712, ostemplate: archive.volid, restore: true, storage: 'local-lvm' }));
    await ok(ct(712).status.start.$post());
    expect((await ct(712).status.current.$get()).status).toBe('running');
    for (const vmid of [710, 712]) await ok(ct(vmid).status.stop.$post());
  });
});
