import { dieError } from '../params/api-error';
import { boolParam, strParam } from '../params/param-schema';
import type { RequestContext, RouteDef } from '../http/router';
import type { SimContext } from '../sim-context';
import { bringDown, containerIp } from '../state/container-runtime';
import { diskEntries, freeContainerVolumes } from '../state/container-disks';
import type { ContainerState } from '../state/sim-state';
import { containerStatus } from '../state/container-view';
import { parsePropertyString } from '../params/property-string';
import { createContainer } from './lxc-create';
import { CREATE_SCHEMA } from './lxc-schema';
import { target, startContainerTask } from './route-helpers';


function interfaces(sim: SimContext, node: string, vmid: number): unknown {
  const ct = sim.state.requireContainer(node, vmid);
  if (ct.status !== 'running') return null;
  const out: Array<Record<string, unknown>> = [
    {
      name: 'lo',
      hwaddr: '00:00:00:00:00:00',
      'hardware-address': '00:00:00:00:00:00',
      inet: '127.0.0.1/8',
      inet6: '::1/128',
      'ip-addresses': [
        { 'ip-address': '127.0.0.1', 'ip-address-type': 'inet', prefix: 8 },
        { 'ip-address': '::1', 'ip-address-type': 'inet6', prefix: 128 },
      ],
    },
  ];
  for (const [key, value] of ct.config) {
    const m = /^net(\d+)$/.exec(key);
    if (!m) continue;
    const net = parsePropertyString(value);
    const hwaddr = (net.get('hwaddr') ?? '').toLowerCase();
    const entry: Record<string, unknown> = { name: net.get('name') ?? `eth${m[1]}`, hwaddr, 'hardware-address': hwaddr, 'ip-addresses': [] };
    const ip = key === 'net0' ? containerIp(ct) : undefined;
    const prefix = Number(/\/(\d+)$/.exec(net.get('ip') ?? '')?.[1] ?? 8);
    if (ip) {
      entry['inet'] = `${ip}/${prefix}`;
      entry['ip-addresses'] = [{ 'ip-address': ip, 'ip-address-type': 'inet', prefix }];
    }
    out.push(entry);
  }
  return out;
}

/** Volumes a CT's config names: rootfs, volume mount points, unusedN, also in pending (`foreach_volume_full` with unused). */
function referencedVolumes(ct: ContainerState): string[] {
  const out: string[] = [];
  for (const conf of [ct.config, ct.pending ?? new Map<string, string>()]) {
    for (const disk of diskEntries(conf)) if (!disk.volid.startsWith('/')) out.push(disk.volid);
    for (const [key, value] of conf) if (/^unused\d+$/.test(key)) out.push(value);
  }
  return [...new Set(out)];
}

function destroyContainer({ params, sim, auth }: RequestContext): string {
  const { node, vmid } = target(params);
  const ct = sim.state.requireContainer(node, vmid);
  if (ct.config.get('protection') === '1') throw dieError(`can't remove CT ${vmid} - protection mode enabled`);
  const lock = ct.config.get('lock');
  if (lock) throw dieError(`CT is locked (${lock})`);
  const force = boolParam(params, 'force');
  if (ct.status === 'running' && !force) throw dieError(`unable to destroy CT ${vmid} - container is running`);
  return startContainerTask(sim, auth, node, vmid, 'vzdestroy', async (ctx) => {
    if (ct.status === 'running') {
      // A plain `warn`: printed, not counted in WARNINGS.
      ctx.log(`forced to stop CT ${vmid} before destroying!`);
      await bringDown(sim, ct);
    }
    ct.config.set('lock', 'destroyed');
    await ctx.step(1000);
    // `destroy_lxc_container` (src/PVE/LXC.pm L1023-1064): the volumes the config (and pending)
    // names that this CT owns; every other disk of the CT only with destroy-unreferenced-disks.
    for (const volid of referencedVolumes(ct)) {
      const volume = sim.state.volume(node, volid);
      if (!volume) continue;
      if (volume.vmid !== vmid) ctx.log(`ignore deletion of '${volid}', CT ${vmid} isn't the owner!`);
      else sim.state.removeVolume(node, volid);
    }
    if (boolParam(params, 'destroy-unreferenced-disks')) freeContainerVolumes(sim, node, vmid, ctx);
    if (boolParam(params, 'purge')) ctx.log(`purging CT ${vmid} from related configurations..`);
    if (sim.state.containers.get(vmid) === ct) sim.state.containers.delete(vmid);
  });
}

export const lxcRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/nodes/{node}/lxc',
    handler: ({ params, sim, auth }) => {
      const node = strParam(params, 'node');
      const now = sim.nowSeconds();
      return [...sim.state.containers.values()]
        .filter((c) => c.node === node && sim.access.has(auth.fullUser, `/vms/${c.vmid}`, ['VM.Audit'], false))
        .sort((a, b) => a.vmid - b.vmid).map((c) => containerStatus(c, now));
    },
  },
  { method: 'POST', path: '/nodes/{node}/lxc', schema: CREATE_SCHEMA, handler: createContainer },
  {
    method: 'GET',
    path: '/nodes/{node}/lxc/{vmid}',
    handler: ({ params, sim }) => {
      const { node, vmid } = target(params);
      sim.state.requireContainer(node, vmid);
      return ['config', 'status', 'vncproxy', 'termproxy', 'vncwebsocket', 'spiceproxy', 'migrate', 'clone', 'rrd', 'rrddata', 'firewall', 'snapshot', 'resize', 'interfaces', 'pending'].map((subdir) => ({ subdir }));
    },
  },
  {
    method: 'DELETE',
    path: '/nodes/{node}/lxc/{vmid}',
    schema: { force: { type: 'boolean', optional: true }, purge: { type: 'boolean', optional: true }, 'destroy-unreferenced-disks': { type: 'boolean', optional: true } },
    handler: destroyContainer,
  },
  {
    method: 'GET',
    path: '/nodes/{node}/lxc/{vmid}/status/current',
    handler: ({ params, sim }) => {
      const { node, vmid } = target(params);
      const ct = sim.state.requireContainer(node, vmid);
      return { ...containerStatus(ct, sim.nowSeconds()), ha: { managed: 0 } };
    },
  },
  {
    method: 'GET',
    path: '/nodes/{node}/lxc/{vmid}/interfaces',
    handler: ({ params, sim }) => {
      const { node, vmid } = target(params);
      return interfaces(sim, node, vmid);
    },
  },
];
