import { SimState } from './sim-state';
import { serializeState } from './state-file';

describe('state file serialisation', () => {
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
    const doc = JSON.parse(serializeState(state, 'secret')) as { version: number; tokenSecret: string; containers: Array<Record<string, unknown>>; volumes: unknown[] };
    expect(doc.version).toBe(1);
    expect(doc.tokenSecret).toBe('secret');
    expect(doc.containers[0]).toMatchObject({ vmid: 100, config: [['hostname', 'web']], pending: [['nameserver', '1.1.1.1']], snapshots: [{ name: 's1', config: [['hostname', 'old']] }] });
    expect(doc.volumes).toHaveLength(1);
  });
});
