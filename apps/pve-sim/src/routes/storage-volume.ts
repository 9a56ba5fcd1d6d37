import { perm, permissionMessage } from '../access/permission-check';
import type { AuthInfo } from '../auth/authenticate';
import { ApiError, dieError, paramError } from '../params/api-error';
import { strParam, type Params } from '../params/param-schema';
import type { SimContext } from '../sim-context';
import { parseVolid, type StorageDefinition } from '../state/storage-model';

/** `volume_list`'s content types (src/PVE/Storage.pm L1300). */
export const CONTENT_TYPES = ['rootdir', 'images', 'vztmpl', 'iso', 'backup', 'snippets', 'import'] as const;
/** `valid_content_types('dir')`, which `verify_content` checks against (DirPlugin.pm L27-37). */
const VALID_CONTENT: readonly string[] = [...CONTENT_TYPES, 'none'];

/**
 * `verify_content` (Plugin.pm L372-385) of a `pve-storage-content` value, or of each item of a
 * `-list` one (split as `split_list`, pve-common src/PVE/JSONSchema.pm L999-1004, ParseUtils.pm L49-58).
 */
export function contentParam(params: Params, key: string, list: boolean): string[] | undefined {
  const raw = strParam(params, key);
  if (raw === undefined) return undefined;
  const items = list ? raw.replace(/[,;]/g, ' ').trim().split(/\s+/).filter((c) => c !== '') : [raw];
  const bad = items.find((c) => !VALID_CONTENT.includes(c));
  if (bad !== undefined) throw paramError({ [key]: `invalid format - invalid content type '${bad}'\n` });
  return items;
}

/** What a storage plugin's `parse_volname` returns, as far as the API shows it. */
export interface ParsedVolname {
  vtype: 'images' | 'iso' | 'vztmpl' | 'backup' | 'snippets' | 'import';
  name: string;
  /** The owner (`$vmid`): guest disks and `vzdump-<type>-<vmid>-...` archives. */
  vmid?: number;
  format: string;
}

/**
 * pve-storage src/PVE/API2/Storage/Content.pm `$real_volume_id` L278-301: a volume with `:` must
 * name the storage of the path; one without gets it prefixed. Errors are parameter errors.
 */
export function realVolumeId(storage: string, volume: string): string {
  if (!volume.includes(':')) return `${storage}:${volume}`;
  const parsed = parseVolid(volume);
  if (!parsed) throw paramError({ volume: `unable to parse volume ID '${volume}'\n` });
  if (parsed.storage !== storage) throw paramError({ volume: `storage ID mismatch (${parsed.storage} != ${storage})\n` });
  return volume;
}

/** src/PVE/Storage/Plugin.pm `parse_name_dir` L784-797: image file names on file storages. */
function parseNameDir(name: string): { format: string } {
  const std = /^((vm-|base-|subvol-)(\d+)-[^/\s]+\.(raw|qcow2|vmdk|subvol))$/.exec(name);
  if (std) return { format: std[4] };
  if (/^snap-.*\.qcow2$/.test(name)) throw dieError(`'${name}' is a snapshot filename, not a volume!`);
  const other = /^((base-)?[^/\s]+\.(raw|qcow2|vmdk|subvol))$/.exec(name);
  if (other) return { format: other[3] };
  throw dieError(`unable to parse volume filename '${name}'`);
}

/** Plugin.pm `parse_volname` L799-837 (dir, NFS): the volume type, owner and format by path. */
function parseDirVolname(volname: string): ParsedVolname {
  const clone = /^(\d+)\/(\S+)\/(\d+)\/(\S+)$/.exec(volname);
  if (clone) {
    parseNameDir(clone[2]);
    return { vtype: 'images', name: clone[4], vmid: Number(clone[3]), format: parseNameDir(clone[4]).format };
  }
  const image = /^(\d+)\/(\S+)$/.exec(volname);
  if (image) return { vtype: 'images', name: image[2], vmid: Number(image[1]), format: parseNameDir(image[2]).format };
  // $ISO_EXT_RE_0 and $VZTMPL_EXT_RE_1 (src/PVE/Storage.pm L116-118) ignore case; the prefix does not.
  let m = /^iso\/([^/]+\.(?:[iI][sS][oO]|[iI][mM][gG]))$/.exec(volname);
  if (m) return { vtype: 'iso', name: m[1], format: 'raw' };
  m = /^vztmpl\/([^/]+\.(?:[tT][aA][rR](?!\.)|[tT][aA][rR]\.(?:[gG][zZ]|[xX][zZ]|[zZ][sS][tT]|[bB][zZ]2)))$/.exec(volname);
  if (m) return { vtype: 'vztmpl', name: m[1], format: 'raw' };
  // $BACKUP_EXT_RE_2 (Storage.pm L120), compressors of Plugin.pm L24
  m = /^backup\/([^/]+\.(?:tgz|(?:tar|vma)(?:\.(?:gz|lzo|zst|bz2))?))$/.exec(volname);
  if (m) {
    const owner = /^vzdump-(?:openvz|lxc|qemu)-(\d+)-.+/.exec(m[1]);
    return { vtype: 'backup', name: m[1], vmid: owner ? Number(owner[1]) : undefined, format: 'raw' };
  }
  m = /^snippets\/([^/]+)$/.exec(volname);
  if (m) return { vtype: 'snippets', name: m[1], format: 'raw' };
  // $SAFE_CHAR_WITH_WHITESPACE_CLASS_RE, $OVA_CONTENT_RE_1, $IMPORT_EXT_RE_1 (Storage.pm L122-130)
  m = /^import\/([ a-zA-Z0-9\-.+=_]+\.ova\/[ a-zA-Z0-9\-.+=_]+\.(qcow2|raw|vmdk))$/.exec(volname);
  if (m) return { vtype: 'import', name: m[1], format: `ova+${m[2]}` };
  m = /^import\/([ a-zA-Z0-9\-.+=_]+\.(ova|ovf|qcow2|raw|vmdk))$/.exec(volname);
  if (m) return { vtype: 'import', name: m[1], format: m[2] };
  throw dieError(`unable to parse directory volume name '${volname}'`);
}

/** src/PVE/Storage/LvmThinPlugin.pm `parse_volname` L63-73 (with Plugin.pm `parse_lvm_name` L333-342). */
function parseLvmThinVolname(volname: string): ParsedVolname {
  if (!/^[a-z0-9][a-z0-9\-_.]*[a-z0-9]$/i.test(volname)) throw dieError(`lvm name '${volname}' contains illegal characters`);
  const m = /^((vm|base)-(\d+)-\S+)$/.exec(volname);
  if (!m) throw dieError(`unable to parse lvm volume name '${volname}'`);
  return { vtype: 'images', name: m[1], vmid: Number(m[3]), format: 'raw' };
}

export function parseVolname(def: StorageDefinition, volname: string): ParsedVolname {
  return def.type === 'lvmthin' ? parseLvmThinVolname(volname) : parseDirVolname(volname);
}

const SUBDIRS: Record<ParsedVolname['vtype'], string> = { images: 'images', iso: 'template/iso', vztmpl: 'template/cache', backup: 'dump', snippets: 'snippets', import: 'import' };

/** `filesystem_path`: Plugin.pm L876-895 (`images/<vmid>/<name>`), LvmThinPlugin.pm L75-86 (`/dev/<vg>/<name>`). */
export function volumeFilePath(def: StorageDefinition, parsed: ParsedVolname): string {
  if (def.type === 'lvmthin') return `/dev/${def.extra?.['vgname'] ?? 'pve'}/${parsed.name}`;
  const dir = `${def.path ?? ''}/${SUBDIRS[parsed.vtype]}`;
  return parsed.vtype === 'images' ? `${dir}/${parsed.vmid ?? ''}/${parsed.name}` : `${dir}/${parsed.name}`;
}

/** The first failing check as PVE's 403 detail, or undefined. */
function denied(sim: SimContext, auth: AuthInfo, path: string, privs: readonly string[], any = false): string | undefined {
  return perm(path, privs, any)({ authUser: auth.fullUser, userid: auth.user, params: {}, access: sim.access });
}

/**
 * src/PVE/Storage.pm `check_volume_access` L619-659 (no `$vmid`): `Datastore.Allocate` on the
 * storage, else by type: templates/ISOs need Audit or AllocateSpace, backups AllocateSpace and
 * `VM.Backup` on the owner, guest disks Audit and `VM.Config.Disk` on the owner; anything else is a
 * 500 `missing privileges to access <volid>`. Returns the error instead of throwing it.
 */
export function volumeAccessError(sim: SimContext, auth: AuthInfo, storage: string, volid: string, parsed: ParsedVolname): ApiError | undefined {
  const at = `/storage/${storage}`;
  if (sim.access.has(auth.fullUser, at, ['Datastore.Allocate'], false)) return undefined;
  const checks: Array<[string, string[], boolean]> = [];
  if (parsed.vtype === 'iso' || parsed.vtype === 'vztmpl' || parsed.vtype === 'import') checks.push([at, ['Datastore.AllocateSpace', 'Datastore.Audit'], true]);
  else if (parsed.vtype === 'backup' && parsed.vmid) checks.push([at, ['Datastore.AllocateSpace'], false], [`/vms/${parsed.vmid}`, ['VM.Backup'], false]);
  else if (parsed.vtype === 'images' && parsed.vmid) checks.push([at, ['Datastore.Audit'], false], [`/vms/${parsed.vmid}`, ['VM.Config.Disk'], false]);
  else return dieError(`missing privileges to access ${volid}`);
  for (const [path, privs, any] of checks) {
    const detail = denied(sim, auth, path, privs, any);
    if (detail !== undefined) return new ApiError(403, permissionMessage(detail));
  }
  return undefined;
}

/**
 * Content.pm `delete` L501-507: a backup with an owner needs `Datastore.AllocateSpace` and
 * `VM.Backup` on it (`Datastore.Allocate` does not replace them); anything else `Datastore.Allocate`.
 */
export function assertMayDelete(sim: SimContext, auth: AuthInfo, storage: string, parsed: ParsedVolname): void {
  const checks: Array<[string, string[]]> =
    parsed.vtype === 'backup' && parsed.vmid
      ? [
          [`/storage/${storage}`, ['Datastore.AllocateSpace']],
          [`/vms/${parsed.vmid}`, ['VM.Backup']],
        ]
      : [[`/storage/${storage}`, ['Datastore.Allocate']]];
  for (const [path, privs] of checks) {
    const detail = denied(sim, auth, path, privs);
    if (detail !== undefined) throw new ApiError(403, permissionMessage(detail));
  }
}

/**
 * src/PVE/Storage.pm `update_volume_attribute` L353-377 with `get_max_protected_backups` L312-321:
 * without `Datastore.Allocate` on the storage, at most 5 protected backups per guest there.
 */
export function assertProtectedBelowLimit(sim: SimContext, auth: AuthInfo, node: string, storage: string, vmid: number): void {
  if (sim.access.has(auth.fullUser, `/storage/${storage}`, ['Datastore.Allocate'], false)) return;
  const max = 5;
  const count = sim.state.volumesOn(node, storage).filter((v) => v.content === 'backup' && v.vmid === vmid && v.protected).length;
  if (max <= count) throw dieError(`The number of protected backups per guest is limited to ${max} on storage '${storage}'`);
}
