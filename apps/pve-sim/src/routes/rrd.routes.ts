import { ApiError } from '../params/api-error';
import { strParam } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import type { SimContext } from '../sim-context';
import { containerStatus } from '../state/container-view';
import { target } from './route-helpers';

/**
 * Step and point count per timeframe. PVE 9 (pve-cluster src/PVE/RRD.pm L49-56, since 9.0.7):
 * hour 60 s x 60, day 60 s x 1440, week 30 min x 336, month 30 min x 1440, year 6 h x 1440,
 * decade (nodes only) 1 week x 570. PVE 8 kept 70 points per timeframe.
 */
const FRAMES_9: Record<string, [number, number]> = {
  hour: [60, 60], day: [60, 1440], week: [1800, 336], month: [1800, 1440], year: [21600, 1440], decade: [604800, 570],
};
const FRAMES_8: Record<string, [number, number]> = { hour: [60, 70], day: [1800, 70], week: [10800, 70], month: [43200, 70], year: [604800, 70] };

/**
 * The rows `create_rrd_data` returns: `count` buckets of `reso` seconds ending before the current,
 * incomplete one (RRD.pm L74-80), oldest first.
 */
function bucketTimes(sim: SimContext, timeframe: string): number[] {
  const frames = sim.options.pveVersion.release.startsWith('8.') ? FRAMES_8 : FRAMES_9;
  const [reso, count] = frames[timeframe] ?? frames['hour'];
  const ctime = reso * Math.floor(sim.nowSeconds() / reso);
  return Array.from({ length: count }, (_, i) => ctime - reso * (count - i));
}

const wave = (seed: number, t: number): number => 0.5 + 0.5 * Math.sin(seed + t / 1800);

/** pve-container src/PVE/API2/LXC.pm L761-802: no `decade` for guests. */
const TIMEFRAME_SCHEMA = {
  timeframe: { type: 'string', enum: ['hour', 'day', 'week', 'month', 'year'] },
  cf: { type: 'string', optional: true, enum: ['AVERAGE', 'MAX'] },
} as const;

/** pve-manager PVE/API2/Nodes.pm L841-881: nodes have `decade`. */
const NODE_TIMEFRAME_SCHEMA = {
  timeframe: { type: 'string', enum: ['hour', 'day', 'week', 'month', 'year', 'decade'] },
  cf: { type: 'string', optional: true, enum: ['AVERAGE', 'MAX'] },
} as const;

/** Synthetic but stable RRD series in PVE's shapes (fields and row counts per release). */
export const rrdRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/nodes/{node}/lxc/{vmid}/rrddata',
    schema: TIMEFRAME_SCHEMA,
    handler: ({ params, sim }) => {
      const { node, vmid } = target(params);
      const ct = sim.state.requireContainer(node, vmid);
      const times = bucketTimes(sim, strParam(params, 'timeframe') ?? 'hour');
      const step = times.length > 1 ? times[1] - times[0] : 60;
      const s = containerStatus(ct, sim.nowSeconds());
      const since = ct.startedAt ?? Number.POSITIVE_INFINITY;
      const pve9 = !sim.options.pveVersion.release.startsWith('8.');
      return times.map((time) => {
        // pve-vm-9.0 (pve-cluster src/pmxcfs/status.c L1147-1165; pvestatd.pm L634-686): a stopped
        // CT reports only maxcpu, maxmem, maxdisk and disk; missing values are left out of the row.
        const point: Record<string, number> = { time, maxcpu: Number(s['cpus']), maxmem: Number(s['maxmem']), maxdisk: Number(s['maxdisk']), disk: Number(s['disk']) };
        // Simplification: a CT started within the last bucket already shows in it (PVE: a bucket later).
        if (ct.status === 'running' && time >= since - 2 * step) {
          const w = wave(vmid, time);
          point['cpu'] = 0.002 + 0.03 * w;
          point['mem'] = Math.round(Number(s['maxmem']) * (0.1 + 0.2 * w));
          point['netin'] = Math.round(200 + 1800 * w);
          point['netout'] = Math.round(100 + 900 * w);
          point['diskread'] = Math.round(4096 * w);
          point['diskwrite'] = Math.round(8192 * w);
          if (pve9) {
            for (const key of ['pressurecpusome', 'pressurecpufull', 'pressureiosome', 'pressureiofull', 'pressurememorysome', 'pressurememoryfull']) point[key] = Number((0.01 * w).toFixed(4));
          }
        }
        return point;
      });
    },
  },
  {
    // A node's series: its running containers' memory plus a base load, on the node's own maxima.
    method: 'GET',
    path: '/nodes/{node}/rrddata',
    schema: NODE_TIMEFRAME_SCHEMA,
    handler: ({ params, sim }) => {
      const name = strParam(params, 'node') ?? '';
      const node = sim.state.node(name);
      if (!node) throw new ApiError(500, `no such node '${name}'`);
      const times = bucketTimes(sim, strParam(params, 'timeframe') ?? 'hour');
      const pve9 = !sim.options.pveVersion.release.startsWith('8.');
      const running = [...sim.state.containers.values()].filter((c) => c.node === name && c.status === 'running');
      const guestMem = running.reduce((sum, c) => sum + Number(containerStatus(c, sim.nowSeconds())['mem'] ?? 0), 0);
      const seed = [...name].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
      return times.map((time) => {
        const w = wave(seed, time);
        const memused = Math.round(2 * 1024 ** 3 + guestMem * (0.8 + 0.2 * w));
        // pve-node-9.0 (status.c L1107-1127): the PVE 8 columns, then memavailable, arcsize and pressure (no pressurecpufull).
        const point: Record<string, number> = {
          time,
          loadavg: Number((0.1 + 0.4 * w).toFixed(2)),
          maxcpu: node.cpus,
          cpu: 0.01 + 0.04 * w + 0.01 * running.length,
          iowait: Number((0.001 * w).toFixed(4)),
          memtotal: node.memTotal,
          memused,
          swaptotal: 8 * 1024 ** 3,
          swapused: 0,
          roottotal: node.rootfsTotal,
          rootused: Math.round(node.rootfsTotal * 0.1),
          netin: Math.round(1000 + 9000 * w),
          netout: Math.round(500 + 4500 * w),
        };
        if (pve9) {
          point['memavailable'] = node.memTotal - memused;
          point['arcsize'] = 0;
          for (const key of ['pressurecpusome', 'pressureiosome', 'pressureiofull', 'pressurememorysome', 'pressurememoryfull']) point[key] = Number((0.01 * w).toFixed(4));
        }
        return point;
      });
    },
  },
];
