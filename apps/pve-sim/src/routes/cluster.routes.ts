import { ApiError, dieError, paramError } from '../params/api-error';
import { numParam, strParam } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import type { SimContext } from '../sim-context';
import { containerStatus } from '../state/container-view';

const GiB = 1024 ** 3;

function nodeEntry(sim: SimContext, name: string): Record<string, unknown> {
  const node = sim.state.node(name);
  if (!node) throw dieError(`no such node '${name}'`);
  const cts = [...sim.state.containers.values()].filter((c) => c.node === name && c.status === 'running');
  const mem = 2 * GiB + cts.reduce((s, c) => s + Number(c.config.get('memory') ?? 512) * 1024 * 1024 * 0.2, 0);
  return {
    id: `node/${name}`,
    type: 'node',
    node: name,
    status: node.status,
    cpu: node.status === 'online' ? 0.01 + cts.length * 0.005 : 0,
    maxcpu: node.cpus,
    mem: Math.round(mem),
    maxmem: node.memTotal,
    disk: 9 * GiB,
    maxdisk: node.rootfsTotal,
    uptime: node.status === 'online' ? sim.nowSeconds() - node.bootTime : 0,
    level: '',
    ssl_fingerprint: 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89',
  };
}

/** API2Tools.pm `extract_storage_stats` L121-145: one entry per storage and node, storage-major (Cluster.pm L633-651). */
function storageEntry(sim: SimContext, node: string, storage: string): Record<string, unknown> {
  const def = sim.state.requireStorage(storage);
  const u = sim.state.usage(node, def);
  return {
    id: `storage/${node}/${def.storage}`,
    type: 'storage',
    storage: def.storage,
    node,
    status: sim.state.node(node)?.status === 'online' ? 'available' : 'unknown',
    plugintype: def.type,
    content: def.content.join(','),
    shared: def.shared ? 1 : 0,
    disk: u.used,
    maxdisk: u.total,
  };
}

/**
 * pve-manager PVE/API2Tools.pm `extract_vm_stats` L81-119: guests in `sort keys` (string) order;
 * without RRD data (a new CT, or one on a node that went away) only id, vmid, node, type and
 * `status: unknown`. Simplification: PVE keeps a lost node's last RRD values for up to 5 minutes
 * (pve-cluster src/pmxcfs/status.c `rrd_entry_is_old` L1436-1446); the sim drops them at once.
 */
function vmEntries(sim: SimContext): Array<Record<string, unknown>> {
  const now = sim.nowSeconds();
  return [...sim.state.containers.values()]
    .sort((a, b) => (String(a.vmid) < String(b.vmid) ? -1 : String(a.vmid) > String(b.vmid) ? 1 : 0))
    .map((ct) => {
      const s = containerStatus(ct, now);
      // pvestatd has not written the guest's RRD yet, or its node is gone.
      const noRrd = sim.nowMs() - ct.createdAtMs < sim.options.resourceLagMs || sim.state.node(ct.node)?.status !== 'online';
      const entry: Record<string, unknown> = { id: `lxc/${ct.vmid}`, vmid: ct.vmid, node: ct.node, type: 'lxc', status: 'unknown' };
      if (!noRrd) {
        Object.assign(entry, {
          status: s['status'],
          name: s['name'],
          uptime: s['uptime'],
          template: ct.config.get('template') === '1' ? 1 : 0,
          maxcpu: s['cpus'],
          cpu: s['cpu'],
          maxmem: s['maxmem'],
          mem: s['mem'],
          maxdisk: s['maxdisk'],
          disk: s['disk'],
          netin: s['netin'],
          netout: s['netout'],
          diskread: s['diskread'],
          diskwrite: s['diskwrite'],
        });
      }
      // `lock` and `tags` come from the config (Cluster.pm L589-593).
      if (s['lock']) entry['lock'] = s['lock'];
      if (s['tags']) entry['tags'] = s['tags'];
      return entry;
    });
}

/**
 * API2Tools.pm `extract_node_stats` L38-79: usage only with `Sys.Audit` on the node, none for an
 * offline one (its maxima stay while its RRD entry lives); `cgroup-mode` from pvestatd's static
 * info (PVE/Service/pvestatd.pm L135-167; PVE 9 runs cgroup v2). No `ssl_fingerprint` here.
 */
function nodeResource(sim: SimContext, name: string, canAudit: boolean): Record<string, unknown> {
  const full = nodeEntry(sim, name);
  const online = full['status'] === 'online';
  const entry: Record<string, unknown> = { id: full['id'], node: name, type: 'node', status: full['status'], level: full['level'] };
  if (canAudit) {
    if (online) Object.assign(entry, { uptime: full['uptime'], cpu: full['cpu'], mem: full['mem'], disk: full['disk'] });
    Object.assign(entry, { maxcpu: full['maxcpu'], maxmem: full['maxmem'], maxdisk: full['maxdisk'] });
  }
  entry['cgroup-mode'] = 2;
  return entry;
}

/**
 * Cluster.pm L653-716: the `localnetwork` zone of every node, with `SDN.Audit` on it. pve-manager
 * 9.0.12+ (commit 1804cdf1) lists it as `network` when no type is asked for; 8.4 as `sdn`.
 */
function localNetworkEntries(sim: SimContext, type: string | undefined, user: string): Array<Record<string, unknown>> {
  if (!sim.access.has(user, '/sdn/zones/localnetwork', ['SDN.Audit'], false)) return [];
  const legacy = sim.options.pveVersion.release.startsWith('8.');
  if (legacy ? type !== undefined && type !== 'sdn' : type !== undefined) return [];
  return sim.state.nodes.map((n) =>
    legacy
      ? { id: `sdn/${n.name}/localnetwork`, sdn: 'localnetwork', node: n.name, type: 'sdn', status: 'ok' }
      : { id: `network/${n.name}/zone/localnetwork`, type: 'network', 'network-type': 'zone', network: 'localnetwork', node: n.name, status: 'ok' },
  );
}

export const clusterRoutes: RouteDef[] = [
  { method: 'GET', path: '/version', handler: ({ sim }) => ({ ...sim.options.pveVersion }) },
  {
    method: 'GET',
    path: '/cluster/resources',
    schema: { type: { type: 'string', optional: true, enum: ['vm', 'storage', 'node', 'sdn'] } },
    // pve-manager PVE/API2/Cluster.pm `resources` L262-728: guests, nodes, storages, then SDN/network.
    handler: ({ params, sim, auth }) => {
      const type = strParam(params, 'type');
      const user = auth.fullUser;
      const out: Array<Record<string, unknown>> = [];
      // Guests the caller cannot audit are left out (L587).
      if (!type || type === 'vm') out.push(...vmEntries(sim).filter((e) => sim.access.has(user, `/vms/${String(e['vmid'])}`, ['VM.Audit'], false)));
      if (!type || type === 'node') out.push(...sim.state.nodes.map((n) => nodeResource(sim, n.name, sim.access.has(user, `/nodes/${n.name}`, ['Sys.Audit'], false))));
      if (!type || type === 'storage') {
        // Storages need `Datastore.Audit` itself (L637), unlike the per-node listing.
        const visible = (storage: string): boolean => sim.access.has(user, `/storage/${storage}`, ['Datastore.Audit'], false);
        for (const def of sim.state.storages) if (visible(def.storage)) for (const n of sim.state.nodes) out.push(storageEntry(sim, n.name, def.storage));
      }
      out.push(...localNetworkEntries(sim, type, user));
      return out;
    },
  },
  {
    method: 'GET',
    path: '/cluster/nextid',
    schema: { vmid: { type: 'integer', optional: true, format: 'pve-vmid', minimum: 100, maximum: 999999999 } },
    handler: ({ params, sim }) => {
      const vmid = numParam(params, 'vmid');
      if (vmid !== undefined) {
        if (sim.state.containers.has(vmid)) throw paramError({ vmid: `VM ${vmid} already exists` });
        return String(vmid);
      }
      const next = sim.state.nextFreeVmid();
      if (next === undefined) throw new ApiError(500, 'unable to get any free VMID in range [100, 999999]');
      // Perl stringifies it: the wire value is a JSON string.
      return String(next);
    },
  },
  {
    method: 'GET',
    path: '/cluster/status',
    handler: ({ sim }) => [
      { id: 'cluster', type: 'cluster', name: 'proxdeck-sim', version: sim.state.nodes.length, nodes: sim.state.nodes.length, quorate: 1 },
      ...sim.state.nodes.map((n, i) => ({ id: `node/${n.name}`, type: 'node', name: n.name, nodeid: i + 1, ip: `127.0.0.${i + 1}`, local: i === 0 ? 1 : 0, online: n.status === 'online' ? 1 : 0, level: '' })),
    ],
  },
  {
    method: 'GET',
    path: '/nodes',
    handler: ({ sim }) => sim.state.nodes.map((n) => nodeEntry(sim, n.name)),
  },
  {
    method: 'GET',
    path: '/nodes/{node}',
    handler: () =>
      ['aplinfo', 'capabilities', 'config', 'lxc', 'network', 'qemu', 'rrd', 'rrddata', 'status', 'storage', 'tasks', 'version', 'vzdump'].map((name) => ({ name })),
  },
  {
    method: 'GET',
    path: '/nodes/{node}/version',
    handler: ({ sim }) => ({ ...sim.options.pveVersion }),
  },
  {
    // pve-manager PVE/API2/APT.pm `versions` (L776-947): installed packages answer with
    // `OldVersion` (installed) and `Version` (candidate); the sim's candidate is what is installed.
    method: 'GET',
    path: '/nodes/{node}/apt/versions',
    handler: ({ sim }) =>
      [
        ['proxmox-ve', sim.options.pveVersion.version],
        ['pve-manager', sim.options.pveVersion.version],
        ['pve-container', sim.options.containerVersion],
      ].map(([Package, version]) => ({
        Package,
        Title: Package,
        Description: Package,
        Origin: 'Proxmox',
        Arch: Package === 'pve-container' ? 'all' : 'amd64',
        Section: 'admin',
        Priority: 'optional',
        Version: version,
        OldVersion: version,
        CurrentState: 'Installed',
        ...(Package === 'pve-manager' ? { ManagerVersion: `${sim.options.pveVersion.version}/${sim.options.pveVersion.repoid}` } : {}),
      })),
  },
  {
    method: 'GET',
    path: '/nodes/{node}/status',
    handler: ({ params, sim }) => {
      const name = strParam(params, 'node') ?? '';
      const e = nodeEntry(sim, name);
      const node = sim.state.node(name);
      const memTotal = node?.memTotal ?? 0;
      const memUsed = Number(e['mem']);
      return {
        uptime: e['uptime'],
        idle: 0,
        loadavg: ['0.12', '0.10', '0.08'],
        kversion: 'Linux 6.17.2-1-pve #1 SMP PREEMPT_DYNAMIC PMX 6.17.2-1 (2025-10-21T11:55Z)',
        'current-kernel': { sysname: 'Linux', release: '6.17.2-1-pve', version: '#1 SMP PREEMPT_DYNAMIC PMX 6.17.2-1 (2025-10-21T11:55Z)', machine: 'x86_64' },
        'boot-info': { mode: 'efi', secureboot: 0 },
        cpuinfo: { cpus: node?.cpus ?? 8, cores: (node?.cpus ?? 8) / 2, sockets: 1, model: 'pve-sim Virtual CPU @ 3.00GHz', mhz: '3000.000', hvm: '1', flags: 'fpu vme de pse tsc msr pae mce cx8 apic sep', user_hz: 100 },
        cpu: e['cpu'],
        wait: 0,
        memory: { total: memTotal, used: memUsed, free: memTotal - memUsed, available: memTotal - memUsed },
        ksm: { shared: 0 },
        swap: { total: 8 * GiB, used: 0, free: 8 * GiB },
        pveversion: `pve-manager/${sim.options.pveVersion.version}/${sim.options.pveVersion.repoid}`,
        rootfs: { total: e['maxdisk'], used: e['disk'], avail: Number(e['maxdisk']) - Number(e['disk']), free: Number(e['maxdisk']) - Number(e['disk']) },
      };
    },
  },
];
