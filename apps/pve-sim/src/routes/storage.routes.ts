import { createHash } from 'node:crypto';
import { dieError, paramError } from '../params/api-error';
import { boolParam, numParam, strParam, type Params } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import { normalizeContentFilename, parseImageReference } from '../images/image-registry';
import type { SimContext } from '../sim-context';
import { parseVolid, volumePath, type StorageDefinition, type VolumeState } from '../state/storage-model';
import { TaskFailure } from '../tasks/task-runner';

const CONTENT_ENUM = ['rootdir', 'images', 'vztmpl', 'iso', 'backup', 'snippets', 'import'] as const;
const MiB = 1024 ** 2;

function storageListItem(sim: SimContext, node: string, def: StorageDefinition): Record<string, unknown> {
  const u = sim.state.usage(node, def);
  return {
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
}

function contentItem(v: VolumeState): Record<string, unknown> {
  const item: Record<string, unknown> = { volid: v.volid, content: v.content, format: v.format, size: v.size, ctime: v.ctime };
  if (v.content === 'backup') item['subtype'] = 'lxc';
  if (v.vmid !== undefined) item['vmid'] = v.vmid;
  // Listings show only the first line of the notes; `protected` only when set.
  if (v.notes) item['notes'] = v.notes.split('\n')[0];
  if (v.protected) item['protected'] = 1;
  return item;
}

function requireVolume(sim: SimContext, params: Params): { vol: VolumeState; def: StorageDefinition; volname: string } {
  const node = strParam(params, 'node') ?? '';
  const storage = strParam(params, 'storage') ?? '';
  const def = sim.state.requireStorage(storage);
  let volid = strParam(params, 'volume') ?? '';
  if (!volid.includes(':')) volid = `${storage}:${volid}`;
  const vol = sim.state.volume(node, volid);
  const parsed = parseVolid(volid);
  if (!vol || !parsed) throw dieError(`volume '${volid}' does not exist`);
  return { vol, def, volname: parsed.volname };
}

const REFERENCE_RE =
  /^(?:(?:[a-zA-Z\d]|[a-zA-Z\d][a-zA-Z\d-]*[a-zA-Z\d])(?:\.(?:[a-zA-Z\d]|[a-zA-Z\d][a-zA-Z\d-]*[a-zA-Z\d]))*(?::\d+)?\/)?[a-z\d]+(?:(?:[._]|__|[-]*)[a-z\d]+)*(?:\/[a-z\d]+(?:(?:[._]|__|[-]*)[a-z\d]+)*)*:\w[\w.-]{0,127}$/;

export const storageRoutes: RouteDef[] = [
  {
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
      const wanted = strParam(params, 'content')?.split(',').filter((c) => c !== '');
      const only = strParam(params, 'storage');
      return sim.state.storages
        .filter((d) => !only || d.storage === only)
        .filter((d) => sim.access.has(auth.fullUser, `/storage/${d.storage}`, ['Datastore.Audit', 'Datastore.AllocateSpace'], true))
        .filter((d) => !wanted || wanted.some((c) => d.content.includes(c)))
        .map((d) => storageListItem(sim, node, d));
    },
  },
  {
    method: 'GET',
    path: '/nodes/{node}/storage/{storage}',
    handler: ({ params, sim }) => {
      sim.state.requireStorage(strParam(params, 'storage') ?? '');
      return ['content', 'download-url', 'file-restore', 'import-metadata', 'oci-registry-pull', 'prunebackups', 'rrd', 'rrddata', 'status', 'upload'].map((subdir) => ({ subdir }));
    },
  },
  {
    method: 'GET',
    path: '/nodes/{node}/storage/{storage}/status',
    handler: ({ params, sim }) => {
      const def = sim.state.requireStorage(strParam(params, 'storage') ?? '');
      const item = storageListItem(sim, strParam(params, 'node') ?? '', def);
      delete item['storage'];
      delete item['used_fraction'];
      return item;
    },
  },
  {
    method: 'GET',
    path: '/nodes/{node}/storage/{storage}/content',
    schema: {
      content: { type: 'string', optional: true, enum: CONTENT_ENUM },
      vmid: { type: 'integer', optional: true, format: 'pve-vmid', minimum: 100, maximum: 999999999 },
    },
    handler: ({ params, sim }) => {
      const def = sim.state.requireStorage(strParam(params, 'storage') ?? '');
      const content = strParam(params, 'content');
      const vmid = numParam(params, 'vmid');
      return sim.state
        .volumesOn(strParam(params, 'node') ?? '', def.storage)
        .filter((v) => !content || v.content === content)
        .filter((v) => vmid === undefined || v.vmid === vmid)
        .sort((a, b) => a.volid.toLowerCase().localeCompare(b.volid.toLowerCase()))
        .map(contentItem);
    },
  },
  {
    method: 'GET',
    path: '/nodes/{node}/storage/{storage}/content/{volume+}',
    handler: ({ params, sim }) => {
      const { vol, def, volname } = requireVolume(sim, params);
      const out: Record<string, unknown> = { path: volumePath(def, volname), size: vol.size, used: vol.size, format: vol.format };
      if (vol.content === 'backup') {
        out['notes'] = vol.notes ?? '';
        out['protected'] = vol.protected ? 1 : 0;
      }
      return out;
    },
  },
  {
    method: 'PUT',
    path: '/nodes/{node}/storage/{storage}/content/{volume+}',
    schema: { notes: { type: 'string', optional: true }, protected: { type: 'boolean', optional: true } },
    handler: ({ params, sim }) => {
      const { vol } = requireVolume(sim, params);
      const notes = strParam(params, 'notes');
      if (notes !== undefined) vol.notes = notes;
      if (params['protected'] !== undefined) vol.protected = boolParam(params, 'protected');
      return null;
    },
  },
  {
    method: 'DELETE',
    path: '/nodes/{node}/storage/{storage}/content/{volume+}',
    schema: { delay: { type: 'integer', optional: true, minimum: 1, maximum: 30 } },
    handler: async ({ params, sim, auth }) => {
      const node = strParam(params, 'node') ?? '';
      const storage = strParam(params, 'storage') ?? '';
      const { vol, def, volname } = requireVolume(sim, params);
      const volid = vol.volid;
      const owner = vol.vmid !== undefined ? sim.state.containers.get(vol.vmid) : undefined;
      // A shared volume is in use wherever its CT runs.
      if (vol.content !== 'backup' && owner && (owner.node === node || def.shared)) {
        throw dieError(`unable to delete volume '${volid}' - volume is still in use by CT ${vol.vmid}`);
      }
      const task = sim.tasks.start({
        node,
        type: 'imgdel',
        id: `${vol.vmid ?? 0}@${storage}`,
        user: auth.fullUser,
        work: async (ctx) => {
          await ctx.step(200);
          if (vol.protected) throw new TaskFailure(`cannot remove protected archive '${volumePath(def, volname)}'`);
          sim.state.removeVolume(node, volid);
          ctx.log(`Removed volume '${volid}'`);
        },
      });
      const delay = numParam(params, 'delay');
      if (delay === undefined) return task.upid;
      // With `delay`, wait up to that many seconds: null when done, the task's error if it failed.
      const deadline = sim.nowMs() + delay * 1000;
      while (task.status === 'running' && sim.nowMs() < deadline) await new Promise((r) => setTimeout(r, 20));
      if (task.status === 'running') return task.upid;
      if (task.exitstatus !== 'OK') throw dieError(task.exitstatus ?? 'unexpected status');
      return null;
    },
  },
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
