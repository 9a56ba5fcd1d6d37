import type { PveClusterResource } from '@proxdeck/server-proxmox';
import type { NodeDto } from '@proxdeck/shared-contracts';

/** A `/cluster/resources?type=node` row plus our app count, as `GET /nodes` shows it. Pure. */
export function toNodeDto(row: PveClusterResource, apps: number): NodeDto {
  const status = row.status === 'online' || row.status === 'offline' ? row.status : 'unknown';
  return {
    name: row.node ?? row.id.replace(/^node\//, ''),
    status,
    cpu: row.cpu ?? 0,
    memory: { used: row.mem ?? 0, total: row.maxmem ?? 0 },
    disk: { used: row.disk ?? 0, total: row.maxdisk ?? 0 },
    uptime: row.uptime ?? 0,
    apps,
  };
}
