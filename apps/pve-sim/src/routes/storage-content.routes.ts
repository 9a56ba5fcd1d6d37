import { dieError } from '../params/api-error';
import { boolParam, numParam, strParam, type Params } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import type { SimContext } from '../sim-context';
import { diskEntries } from '../state/container-disks';
import type { StorageDefinition, VolumeState } from '../state/storage-model';
import { TaskFailure, type TaskContext } from '../tasks/task-runner';
import { assertMayDelete, assertProtectedBelowLimit, contentParam, CONTENT_TYPES, parseVolname, realVolumeId, volumeAccessError, volumeFilePath, type ParsedVolname } from './storage-volume';

/**
 * Plugin.pm `list_volumes` L1769-1815: a guest disk is `rootdir` when its owner is a container in
 * the cluster's VM list, else `images` (an orphaned disk).
 */
function listedContent(sim: SimContext, v: VolumeState): string {
  if (v.content !== 'rootdir' && v.content !== 'images') return v.content;
  return v.vmid !== undefined && sim.state.containers.has(v.vmid) ? 'rootdir' : 'images';
}

function contentItem(v: VolumeState, content: string): Record<string, unknown> {
  const item: Record<string, unknown> = { volid: v.volid, content, format: v.format, size: v.size, ctime: v.ctime };
  if (v.content === 'backup') item['subtype'] = 'lxc';
  if (v.vmid !== undefined) item['vmid'] = v.vmid;
  // Listings show only the first line of the notes; `protected` only when set.
  if (v.notes) item['notes'] = v.notes.split('\n')[0];
  if (v.protected) item['protected'] = 1;
  return item;
}

/** The path's volume as Content.pm reads it: `$real_volume_id`, the storage's config, `parse_volname`. */
function volumeTarget(sim: SimContext, params: Params): { node: string; storage: string; volid: string; def: StorageDefinition; volname: string; parsed: ParsedVolname } {
  const node = strParam(params, 'node') ?? '';
  const storage = strParam(params, 'storage') ?? '';
  const volid = realVolumeId(storage, strParam(params, 'volume') ?? '');
  const def = sim.state.requireStorage(storage);
  const volname = volid.slice(storage.length + 1);
  return { node, storage, volid, def, volname, parsed: parseVolname(def, volname) };
}

/** A running CT on `node` whose config mounts the volume: its LV is open (LVM refuses to remove it). */
function mountedByRunningCt(sim: SimContext, node: string, volid: string): boolean {
  return [...sim.state.containers.values()].some((ct) => ct.node === node && ct.status === 'running' && diskEntries(ct.config).some((d) => d.volid === volid));
}

/** Content.pm `delete` worker L509-519 (`vdisk_free`, src/PVE/Storage.pm L1186-1219), per plugin. */
async function freeVolume(sim: SimContext, ctx: TaskContext, t: ReturnType<typeof volumeTarget>): Promise<void> {
  await ctx.step(200);
  const vol = sim.state.volume(t.node, t.volid);
  const path = volumeFilePath(t.def, t.parsed);
  if (t.def.type === 'lvmthin') {
    // LvmThinPlugin.pm `free_image` L133-157: `lvremove -f`; run_command dies with LVM's last stderr
    // line. A mounted LV is "in use" (lvm2 `lv_check_not_in_use`); a missing one is skipped.
    const lv = `${t.def.extra?.['vgname'] ?? 'pve'}/${t.parsed.name}`;
    if (vol && mountedByRunningCt(sim, t.node, t.volid)) throw new TaskFailure(`lvremove '${lv}' error:   Logical volume ${lv} contains a filesystem in use.`);
  } else {
    // Plugin.pm `free_image` L1121-1169: protection first, a missing file only warns (no WARNINGS
    // count: a plain `warn`), an open file is unlinked all the same.
    if (vol?.protected) throw new TaskFailure(`cannot remove protected volume '${t.volname}' on '${t.storage}'`);
    if (!vol) ctx.log(`disk image '${path}' does not exist`);
  }
  if (vol) sim.state.removeVolume(t.node, t.volid);
  ctx.log(`Removed volume '${t.volid}'`);
}

/** Storage content (pve-storage src/PVE/API2/Storage/Content.pm). */
export const storageContentRoutes: RouteDef[] = [
  {
    // pve-storage src/PVE/API2/Storage/Content.pm `index` L22-185, `volume_list` (src/PVE/Storage.pm
    // L1297-1317): the storage's own content types, every volume the caller may access, sorted by
    // `lc(volid)` (byte order).
    method: 'GET',
    path: '/nodes/{node}/storage/{storage}/content',
    schema: {
      content: { type: 'string', optional: true },
      vmid: { type: 'integer', optional: true, format: 'pve-vmid', minimum: 100, maximum: 999999999 },
    },
    handler: ({ params, sim, auth }) => {
      const def = sim.state.requireStorage(strParam(params, 'storage') ?? '');
      const wanted = contentParam(params, 'content', false)?.[0];
      const types = CONTENT_TYPES.filter((t) => (!wanted || t === wanted) && def.content.includes(t));
      const vmid = numParam(params, 'vmid');
      const mayAccess = (v: VolumeState): boolean => {
        try {
          return volumeAccessError(sim, auth, def.storage, v.volid, parseVolname(def, v.volid.slice(def.storage.length + 1))) === undefined;
        } catch {
          return false;
        }
      };
      const key = (v: VolumeState): string => v.volid.toLowerCase();
      return sim.state
        .volumesOn(strParam(params, 'node') ?? '', def.storage)
        .map((v) => ({ v, content: listedContent(sim, v) }))
        .filter(({ v, content }) => types.includes(content as (typeof CONTENT_TYPES)[number]) && (vmid === undefined || v.vmid === vmid) && mayAccess(v))
        .sort((a, b) => (key(a.v) < key(b.v) ? -1 : key(a.v) > key(b.v) ? 1 : 0))
        .map(({ v, content }) => contentItem(v, content));
    },
  },
  {
    // Content.pm `info` L303-395: `check_volume_access`, then `volume_size_info` of the plugin.
    method: 'GET',
    path: '/nodes/{node}/storage/{storage}/content/{volume+}',
    handler: ({ params, sim, auth }) => {
      const t = volumeTarget(sim, params);
      const denied = volumeAccessError(sim, auth, t.storage, t.volid, t.parsed);
      if (denied) throw denied;
      const path = volumeFilePath(t.def, t.parsed);
      const vol = sim.state.volume(t.node, t.volid);
      if (t.def.type === 'lvmthin') {
        // LVMPlugin.pm `volume_size_info` L1090-1121: `lvs` (its error is LVM's), `used` is 0.
        const lv = `${t.def.extra?.['vgname'] ?? 'pve'}/${t.parsed.name}`;
        if (!vol) throw dieError(`can't get size of '${path}':   Failed to find logical volume "${lv}"`);
        return { path, size: vol.size, used: 0, format: 'raw' };
      }
      // Plugin.pm `file_size_info` L1182-1211: a missing file warns and gives no format; the format is
      // the one `parse_volname` implies (`raw` for archives and templates). Simplification: `used` = size.
      if (!vol) throw dieError(`volume_size_info on '${t.volid}' failed - no format`);
      const out: Record<string, unknown> = { path, size: vol.size, used: vol.size, format: t.parsed.format };
      if (t.parsed.vtype === 'backup') {
        out['notes'] = vol.notes ?? '';
        out['protected'] = vol.protected ? 1 : 0;
      }
      return out;
    },
  },
  {
    // Content.pm `updateattributes` L397-450: notes, then protected, each through
    // `update_volume_attribute` (src/PVE/Storage.pm L345-378; DirPlugin.pm L152-168, L195-225).
    method: 'PUT',
    path: '/nodes/{node}/storage/{storage}/content/{volume+}',
    schema: { notes: { type: 'string', optional: true }, protected: { type: 'boolean', optional: true } },
    handler: ({ params, sim, auth }) => {
      const t = volumeTarget(sim, params);
      const denied = volumeAccessError(sim, auth, t.storage, t.volid, t.parsed);
      if (denied) throw denied;
      // A missing archive on a directory storage is not an error: PVE writes the notes/protection file.
      const vol = sim.state.volume(t.node, t.volid);
      const notes = strParam(params, 'notes');
      if (notes !== undefined) {
        // Plugin.pm L1297-1301: no trailing newline, so Perl appends where it died.
        if (t.def.type === 'lvmthin') throw dieError('volume notes are not supported for PVE::Storage::LvmThinPlugin at /usr/share/perl5/PVE/Storage/Plugin.pm line 1300.');
        if (t.parsed.vtype !== 'backup') throw dieError('only backups can have notes');
        if (vol) vol.notes = notes === '' ? undefined : notes;
      }
      if (params['protected'] !== undefined) {
        const value = boolParam(params, 'protected');
        if (t.def.type === 'lvmthin') throw dieError(`attribute 'protected' is not supported for storage type '${t.def.type}'`);
        if (t.parsed.vtype !== 'backup') throw dieError(`only backups support attribute 'protected'`);
        if (value && t.parsed.vmid && !vol?.protected) assertProtectedBelowLimit(sim, auth, t.node, t.storage, t.parsed.vmid);
        if (vol) vol.protected = value;
      }
      return null;
    },
  },
  {
    // Content.pm `delete` L452-543: the volume name must parse, the permission depends on its type;
    // everything else happens in the `imgdel` task, whose id is `<owner>@<storage>` or `<storage>`.
    method: 'DELETE',
    path: '/nodes/{node}/storage/{storage}/content/{volume+}',
    schema: { delay: { type: 'integer', optional: true, minimum: 1, maximum: 30 } },
    handler: async ({ params, sim, auth }) => {
      const t = volumeTarget(sim, params);
      assertMayDelete(sim, auth, t.storage, t.parsed);
      const task = sim.tasks.start({
        node: t.node,
        type: 'imgdel',
        id: t.parsed.vmid !== undefined ? `${t.parsed.vmid}@${t.storage}` : t.storage,
        user: auth.fullUser,
        work: (ctx) => freeVolume(sim, ctx, t),
      });
      const delay = numParam(params, 'delay');
      if (delay === undefined) return task.upid;
      // With `delay`, wait up to that many seconds: null when done, the task's error if it failed.
      const deadline = sim.nowMs() + delay * 1000;
      while (task.status === 'running' && sim.nowMs() < deadline) await new Promise((r) => setTimeout(r, 20));
      if (task.status === 'running') return task.upid;
      if (task.exitstatus !== 'OK' && !task.exitstatus?.startsWith('WARNINGS')) throw dieError(task.exitstatus ?? 'unexpected status');
      return null;
    },
  },
];
