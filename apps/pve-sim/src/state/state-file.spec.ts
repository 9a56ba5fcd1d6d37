import { AccessControl } from '../access/access-control';
import { FaultRegistry } from '../faults/fault-registry';
import { TaskRunner } from '../tasks/task-runner';
import { SimState } from './sim-state';
import { serializeState } from './state-file';

describe('state file serialisation', () => {
  const parts = () => ({
    tokenSecret: 'secret',
    access: new AccessControl({ password: () => 'pw', tokenId: 'root@pam!proxdeck', tokenSecret: () => 'secret' }),
    tasks: new TaskRunner({ speed: 0, nowSeconds: () => 1_700_000_000, faults: new FaultRegistry(), bootTime: () => 0 }),
  });

  it('keeps containers with config, pending, snapshots and volumes', () => {
    const state = new SimState(2, 1_700_000_000);
    state.containers.set(100, {
      vmid: 100,
      node: 'pve1',
      config: new Map([['hostname', 'web']]),
      status: 'running',
      createdAtMs: 1,
      pending: new Map([['nameserver', '1.1.1.1']]),
      snapshots: new Map([['s1', { name: 's1', config: new Map([['hostname', 'old']]), snaptime: 5, description: '' }]]),
    });
    state.addVolume({ volid: 'local-lvm:vm-100-disk-0', node: 'pve1', storage: 'local-lvm', content: 'rootdir', format: 'raw', size: 10, ctime: 1, vmid: 100 });
    const doc = JSON.parse(serializeState(state, parts())) as { version: number; tokenSecret: string; containers: Array<Record<string, unknown>>; volumes: unknown[] };
    expect(doc.version).toBe(2);
    expect(doc.tokenSecret).toBe('secret');
    expect(doc.containers[0]).toMatchObject({ vmid: 100, config: [['hostname', 'web']], pending: [['nameserver', '1.1.1.1']], snapshots: [{ name: 's1', config: [['hostname', 'old']] }] });
    expect(doc.volumes).toHaveLength(1);
  });

  it('keeps users with their tokens, custom roles only, ACLs and finished tasks only', async () => {
    const p = parts();
    p.access.users.set('ops@pve', { userid: 'ops@pve', enable: true, expire: 0, password: 'pw', tokens: new Map([['ci', { tokenid: 'ci', secret: 's', privsep: true, expire: 0 }]]) });
    p.access.roles.set('Deployer', { privs: new Set(['VM.Audit', 'VM.Allocate']), special: false });
    p.access.acl.push({ path: '/vms', type: 'user', ugid: 'ops@pve', roleid: 'Deployer', propagate: true });
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const done = p.tasks.start({ node: 'pve1', type: 'vzstart', id: '100', user: 'root@pam', work: async (ctx) => ctx.log('started') });
    p.tasks.start({ node: 'pve1', type: 'vzstop', id: '100', user: 'root@pam', work: () => held });
    while (done.status !== 'stopped') await new Promise((r) => setImmediate(r));
    const doc = JSON.parse(serializeState(new SimState(1, 0), p)) as {
      access: { users: Array<{ userid: string; tokens: unknown[] }>; roles: unknown[]; acl: unknown[] };
      tasks: Array<{ type: string; log: string[] }>;
    };
    release();
    await p.tasks.abortAll();
    expect(doc.access.users.map((u) => [u.userid, u.tokens.length])).toEqual([['root@pam', 1], ['ops@pve', 1]]);
    expect(doc.access.roles).toEqual([{ roleid: 'Deployer', privs: ['VM.Allocate', 'VM.Audit'] }]);
    expect(doc.access.acl).toEqual([{ path: '/vms', type: 'user', ugid: 'ops@pve', roleid: 'Deployer', propagate: true }]);
    expect(doc.tasks.map((t) => [t.type, t.log])).toEqual([['vzstart', ['started', 'TASK OK']]]);
  });
});
