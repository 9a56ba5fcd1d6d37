import { strParam } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import { containerStatus } from '../state/container-view';
import { target } from './route-helpers';

/** Step and point count per timeframe, as PVE's RRD archives (70 points). */
const FRAMES: Record<string, number> = { hour: 60, day: 1800, week: 10800, month: 43200, year: 604800 };

const wave = (seed: number, t: number): number => 0.5 + 0.5 * Math.sin(seed + t / 1800);

/** Synthetic but stable RRD series: `[{time, cpu, maxcpu, mem, maxmem, disk, maxdisk, netin, netout, diskread, diskwrite}]`. */
export const rrdRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/nodes/{node}/lxc/{vmid}/rrddata',
    schema: { timeframe: { type: 'string', enum: ['hour', 'day', 'week', 'month', 'year'] }, cf: { type: 'string', optional: true, enum: ['AVERAGE', 'MAX'] } },
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
];
