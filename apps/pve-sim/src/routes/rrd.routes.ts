import { ApiError } from '../params/api-error';
import { strParam } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import { containerStatus } from '../state/container-view';
import { target } from './route-helpers';

/** Step and point count per timeframe, as PVE's RRD archives (70 points). */
const FRAMES: Record<string, number> = { hour: 60, day: 1800, week: 10800, month: 43200, year: 604800 };

const wave = (seed: number, t: number): number => 0.5 + 0.5 * Math.sin(seed + t / 1800);

const TIMEFRAME_SCHEMA = {
  timeframe: { type: 'string', enum: ['hour', 'day', 'week', 'month', 'year'] },
  cf: { type: 'string', optional: true, enum: ['AVERAGE', 'MAX'] },
} as const;

/** Synthetic but stable RRD series: `[{time, cpu, maxcpu, mem, maxmem, disk, maxdisk, netin, netout, diskread, diskwrite}]`. */
export const rrdRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/nodes/{node}/lxc/{vmid}/rrddata',
    schema: TIMEFRAME_SCHEMA,
    handler: ({ params, sim }) => {
      const { node, vmid } = target(params);
      const ct = sim.state.requireContainer(node, vmid);
      const step = FRAMES[strParam(params, 'timeframe') ?? 'hour'] ?? 60;
      const s = containerStatus(ct, sim.nowSeconds());
      const end = Math.floor(sim.nowSeconds() / step) * step;
      const since = ct.startedAt ?? Number.POSITIVE_INFINITY;
      const points: Array<Record<string, number>> = [];
      for (let i = 69; i >= 0; i--) {
        const time = end - i * step;
        const point: Record<string, number> = { time, maxcpu: Number(s['cpus']), maxmem: Number(s['maxmem']), maxdisk: Number(s['maxdisk']) };
        // Buckets where the CT did not run carry only the maxima.
        if (ct.status === 'running' && time >= since - step) {
          const w = wave(vmid, time);
          point['cpu'] = 0.002 + 0.03 * w;
          point['mem'] = Math.round(Number(s['maxmem']) * (0.1 + 0.2 * w));
          point['disk'] = Number(s['disk']);
          point['netin'] = Math.round(200 + 1800 * w);
          point['netout'] = Math.round(100 + 900 * w);
          point['diskread'] = Math.round(4096 * w);
          point['diskwrite'] = Math.round(8192 * w);
        }
        points.push(point);
      }
      return points;
    },
  },
  {
    // A node's series: its running containers' memory plus a base load, on the node's own maxima.
    method: 'GET',
    path: '/nodes/{node}/rrddata',
    schema: TIMEFRAME_SCHEMA,
    handler: ({ params, sim }) => {
      const name = strParam(params, 'node') ?? '';
      const node = sim.state.node(name);
      if (!node) throw new ApiError(500, `no such node '${name}'`);
      const step = FRAMES[strParam(params, 'timeframe') ?? 'hour'] ?? 60;
      const end = Math.floor(sim.nowSeconds() / step) * step;
      const running = [...sim.state.containers.values()].filter((c) => c.node === name && c.status === 'running');
      const guestMem = running.reduce((sum, c) => sum + Number(containerStatus(c, sim.nowSeconds())['mem'] ?? 0), 0);
      const seed = [...name].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
      const points: Array<Record<string, number>> = [];
      for (let i = 69; i >= 0; i--) {
        const time = end - i * step;
        const w = wave(seed, time);
        points.push({
          time,
          maxcpu: node.cpus,
          cpu: 0.01 + 0.04 * w + 0.01 * running.length,
          memtotal: node.memTotal,
          memused: Math.round(2 * 1024 ** 3 + guestMem * (0.8 + 0.2 * w)),
          netin: Math.round(1000 + 9000 * w),
          netout: Math.round(500 + 4500 * w),
          loadavg: Number((0.1 + 0.4 * w).toFixed(2)),
        });
      }
      return points;
    },
  },
];
