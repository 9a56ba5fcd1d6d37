import { createHash } from 'node:crypto';
import { strParam } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import type { SimContext } from '../sim-context';
import type { StorageDefinition } from '../state/storage-model';

const STORAGE_TYPES = ['btrfs', 'cephfs', 'cifs', 'dir', 'esxi', 'iscsi', 'iscsidirect', 'lvm', 'lvmthin', 'nfs', 'pbs', 'rbd', 'zfs', 'zfspool'] as const;

/** `/etc/pve/storage.cfg` as PVE writes it: one section per storage. */
function storageCfg(storages: readonly StorageDefinition[]): string {
  return storages
    .map((d) => [`${d.type}: ${d.storage}`, ...Object.entries(configProperties(d)).map(([k, v]) => `\t${k} ${v}`)].join('\n'))
    .join('\n\n');
}

/** A section's properties; network storages are shared by their type, so `shared` is not written for them. */
function configProperties(d: StorageDefinition): Record<string, string> {
  return { ...(d.path ? { path: d.path } : {}), ...d.extra, content: d.content.join(',') };
}

/** An entry of `GET /storage` (`PVE/API2/Storage/Config.pm`): the config, `shared` as parse_config sets it, the file's digest. */
function configEntry(sim: SimContext, d: StorageDefinition): Record<string, unknown> {
  const entry: Record<string, unknown> = { storage: d.storage, type: d.type, ...configProperties(d), digest: createHash('sha1').update(storageCfg(sim.state.storages)).digest('hex') };
  if (d.shared) entry['shared'] = 1;
  return entry;
}

/** The datacenter storage configuration (read-only in the sim: storages come from the command line). */
export const storageConfigRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/storage',
    schema: { type: { type: 'string', optional: true, enum: STORAGE_TYPES } },
    handler: ({ params, sim, auth }) => {
      const type = strParam(params, 'type');
      return sim.state.storages
        .filter((d) => !type || d.type === type)
        .filter((d) => sim.access.has(auth.fullUser, `/storage/${d.storage}`, ['Datastore.Audit', 'Datastore.AllocateSpace'], true))
        .map((d) => configEntry(sim, d));
    },
  },
  {
    method: 'GET',
    path: '/storage/{storage}',
    schema: { storage: { type: 'string', format: 'pve-storage-id' } },
    handler: ({ params, sim }) => configEntry(sim, sim.state.requireStorage(strParam(params, 'storage') ?? '')),
  },
];
