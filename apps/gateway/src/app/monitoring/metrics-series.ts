import type { PveRrdPoint } from '@proxdeck/server-proxmox';
import type { MetricsDto, MetricsPointDto, MetricsTimeframe } from '@proxdeck/shared-contracts';

/** Proxmox rrddata as the console charts it: ISO times, plain names, nulls for gaps (PVE omits keys there). */
export function toMetricsDto(timeframe: MetricsTimeframe, points: readonly PveRrdPoint[]): MetricsDto {
  return { timeframe, points: [...points].sort((a, b) => a.time - b.time).map(toPoint) };
}

function toPoint(p: PveRrdPoint): MetricsPointDto {
  return {
    at: new Date(p.time * 1000).toISOString(),
    cpu: p.cpu ?? null,
    memoryUsed: p.mem ?? p.memused ?? null,
    memoryTotal: p.maxmem ?? p.memtotal ?? null,
    netIn: p.netin ?? null,
    netOut: p.netout ?? null,
    diskRead: p.diskread ?? null,
    diskWrite: p.diskwrite ?? null,
  };
}
