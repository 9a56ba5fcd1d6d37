import { toNodeDto } from './node-view';

describe('toNodeDto', () => {
  it('maps a cluster resource row and the app count', () => {
    expect(
      toNodeDto({ id: 'node/pve1', type: 'node', node: 'pve1', status: 'online', cpu: 0.25, mem: 1, maxmem: 4, disk: 2, maxdisk: 8, uptime: 99 }, 3),
    ).toEqual({ name: 'pve1', status: 'online', cpu: 0.25, memory: { used: 1, total: 4 }, disk: { used: 2, total: 8 }, uptime: 99, apps: 3 });
  });

  it('shows an offline node without stats as offline with zeros', () => {
    expect(toNodeDto({ id: 'node/pve2', type: 'node', status: 'offline' }, 0)).toMatchObject({ name: 'pve2', status: 'offline', cpu: 0, uptime: 0 });
    expect(toNodeDto({ id: 'node/pve3', type: 'node', node: 'pve3' }, 0).status).toBe('unknown');
  });
});
