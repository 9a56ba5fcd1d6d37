import { createHash } from 'node:crypto';
import { dieError, paramError } from '../params/api-error';
import { boolParam, strParam } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import { normalizeContentFilename, parseImageReference } from '../images/image-registry';
import type { SimContext } from '../sim-context';
import { compareVersions } from '../state/container-features';
import { volumePath, type StorageDefinition } from '../state/storage-model';
import { TaskFailure } from '../tasks/task-runner';
import { storageContentRoutes } from './storage-content.routes';
import { contentParam } from './storage-volume';

const MiB = 1024 ** 2;

/** `get_formats` (src/PVE/Storage/Plugin.pm L679-692) of each type's plugindata (DirPlugin.pm L40, NFSPlugin.pm L68; lvmthin has none). */
const FORMATS: Record<StorageDefinition['type'], { valid: string[]; default: string }> = {
  dir: { valid: ['qcow2', 'raw', 'subvol', 'vmdk'], default: 'raw' },
  nfs: { valid: ['qcow2', 'raw', 'vmdk'], default: 'raw' },
  lvmthin: { valid: ['raw'], default: 'raw' },
};

/** src/PVE/Storage.pm `storage_info` L1440-1527 for one storage (`formats`/`format` with `format=1`). */
function storageListItem(sim: SimContext, node: string, def: StorageDefinition, withFormats = false): Record<string, unknown> {
  const u = sim.state.usage(node, def);
  const item: Record<string, unknown> = {
    storage: def.storage,
    type: def.type,
    content: def.content.join(','),
    active: 1,
    enabled: 1,
    shared: def.shared ? 1 : 0,
    total: u.total,
    used: u.used,
    avail: u.avail,
    used_fraction: u.total > 0 ? u.used / u.total : 0,
  };
  if (withFormats) {
    const f = FORMATS[def.type];
    item['formats'] = { supported: f.valid, default: f.default };
    item['format'] = [Object.fromEntries(f.valid.map((v) => [v, 1])), f.default];
  }
  return item;
}

const REFERENCE_RE =
  /^(?:(?:[a-zA-Z\d]|[a-zA-Z\d][a-zA-Z\d-]*[a-zA-Z\d])(?:\.(?:[a-zA-Z\d]|[a-zA-Z\d][a-zA-Z\d-]*[a-zA-Z\d]))*(?::\d+)?\/)?[a-z\d]+(?:(?:[._]|__|[-]*)[a-z\d]+)*(?:\/[a-z\d]+(?:(?:[._]|__|[-]*)[a-z\d]+)*)*:\w[\w.-]{0,127}$/;

export const storageRoutes: RouteDef[] = [
  {
    // pve-storage src/PVE/API2/Storage/Status.pm `index` L67-273.
    method: 'GET',
    path: '/nodes/{node}/storage',
    schema: {
      content: { type: 'string', optional: true },
      enabled: { type: 'boolean', optional: true },
      format: { type: 'boolean', optional: true },
      storage: { type: 'string', optional: true, format: 'pve-storage-id' },
      target: { type: 'string', optional: true, format: 'pve-node' },
    },
    handler: ({ params, sim, auth }) => {
      const node = strParam(params, 'node') ?? '';
      const wanted = contentParam(params, 'content', true);
      const only = strParam(params, 'storage');
      // `storage_info` (src/PVE/Storage.pm L1453-1462) keeps the storages with one of the wanted content types.
      const info = sim.state.storages.filter((d) => !wanted || wanted.some((c) => d.content.includes(c)));
      if (only && !info.some((d) => d.storage === only)) throw paramError({ storage: 'No such storage.' });
      // With a `target` other than this node, only shared storages (Status.pm L252-259; the sim has no `nodes` restriction).
      const target = strParam(params, 'target');
      const otherTarget = target !== undefined && target !== node && target !== 'localhost';
      return info
        .filter((d) => sim.access.has(auth.fullUser, `/storage/${d.storage}`, ['Datastore.Audit', 'Datastore.AllocateSpace'], true))
        .filter((d) => !only || d.storage === only)
        .filter((d) => !otherTarget || d.shared)
        .map((d) => storageListItem(sim, node, d, boolParam(params, 'format')));
    },
  },
  {
    // Status.pm `diridx` L275-324: a fixed list, no `proxyto` and no look-up of the storage.
    method: 'GET',
    path: '/nodes/{node}/storage/{storage}',
    handler: ({ sim }) => {
      // `identity` came with pve-storage 9.1.3 (commit dcca7c6), after the 9.1.x releases the sim acts as.
      const identity = compareVersions(sim.options.pveVersion.version, '9.2') >= 0 ? ['identity'] : [];
      return ['content', 'download-url', 'file-restore', 'import-metadata', ...identity, 'oci-registry-pull', 'prunebackups', 'rrd', 'rrddata', 'status', 'upload'].map((subdir) => ({ subdir }));
    },
  },
  {
    // Status.pm `read_status` L326-409: an unknown storage is a parameter error.
    method: 'GET',
    path: '/nodes/{node}/storage/{storage}/status',
    handler: ({ params, sim }) => {
      const def = sim.state.storage(strParam(params, 'storage') ?? '');
      if (!def) throw paramError({ storage: 'No such storage.' });
      const item = storageListItem(sim, strParam(params, 'node') ?? '', def);
      delete item['storage'];
      delete item['used_fraction'];
      return item;
    },
  },
  ...storageContentRoutes,
  {
    method: 'POST',
    path: '/nodes/{node}/storage/{storage}/oci-registry-pull',
    schema: {
      reference: { type: 'string', pattern: REFERENCE_RE },
      filename: { type: 'string', optional: true, minLength: 1, maxLength: 255 },
    },
    // pve-storage src/PVE/API2/Storage/Status.pm `oci_registry_pull` L916-1005: every check but the
    // registry's is synchronous (500s), the file is never overwritten, the task is `ociregistrypull`.
    handler: ({ params, sim, auth }) => {
      const node = strParam(params, 'node') ?? '';
      const storage = strParam(params, 'storage') ?? '';
      const reference = strParam(params, 'reference') ?? '';
      const def = sim.state.requireStorage(storage);
      if (!def.path) throw dieError(`can't upload to storage type '${def.type}', not a file based storage!`);
      if (!def.content.includes('vztmpl')) throw dieError(`storage '${storage}' is not configured for content-type 'vztmpl'`);
      const ref = parseImageReference(reference);
      if (!ref) throw paramError({ reference: 'value does not match the regex pattern' });
      const file = `${normalizeContentFilename(strParam(params, 'filename') ?? reference)}.tar`;
      const volid = `${storage}:vztmpl/${file}`;
      if (sim.state.volume(node, volid)) throw dieError(`refusing to override existing file '${file}'`);
      const task = sim.tasks.start({
        node,
        type: 'ociregistrypull',
        id: file,
        user: auth.fullUser,
        work: async (ctx) => {
          const canonical = `${ref.repository}:${ref.tag}`;
          ctx.log(`pulling OCI image '${canonical}'`);
          const resolved = sim.images.resolve(ref);
          await ctx.step(600);
          if ('error' in resolved) throw new TaskFailure(resolved.error);
          const size = (resolved.image.sizeMiB ?? 100) * MiB;
          ctx.log(`Getting image source signatures`);
          ctx.log(`Copying blob sha256:${createHash('sha256').update(resolved.canonical).digest('hex')}`);
          await ctx.step(1400);
          const usage = sim.state.usage(node, def);
          const existing = sim.state.volume(node, volid);
          if (size - (existing?.size ?? 0) > usage.avail) throw new TaskFailure(`not enough space on storage '${storage}'`);
          ctx.log(`writing OCI archive to '${volumePath(def, `vztmpl/${file}`)}'`);
          sim.state.addVolume({ volid, node, storage, content: 'vztmpl', format: 'tar', size, ctime: sim.nowSeconds(), image: { repository: ref.repository, tag: ref.tag } });
          ctx.log(`download of '${canonical}' to '${volid}' finished`);
        },
      });
      return task.upid;
    },
  },
];
