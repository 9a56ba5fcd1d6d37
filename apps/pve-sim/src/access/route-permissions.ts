import { parsePropertyString } from '../params/property-string';
import { and, dynamic, or, perm, permModify, realmAllocateUser, selfUser, useridGroup, type PermCheck, type PermRequest } from './permission-check';

const p = (req: PermRequest, name: string): string | undefined => {
  const v = req.params[name];
  return Array.isArray(v) ? v.join(',') : v;
};

const VM_AUDIT = perm('/vms/{vmid}', ['VM.Audit']);
const POWER = perm('/vms/{vmid}', ['VM.PowerMgmt']);
const STORAGE_READ = perm('/storage/{storage}', ['Datastore.Audit', 'Datastore.AllocateSpace'], true);
/** pve-access-control `src/PVE/API2/User.pm` L692, L728, L760, L841, L944. */
const SELF_OR_USER_ADMIN = or(selfUser, useridGroup(['User.Modify']));

/** The storage a create or restore allocates disks on: `rootfs=<storage>:<size>`, else `storage`. */
function allocationStorage(req: PermRequest): string {
  const rootfs = p(req, 'rootfs');
  if (rootfs) {
    const volume = parsePropertyString(rootfs, 'volume').get('volume') ?? '';
    if (volume.includes(':')) return volume.split(':')[0];
  }
  return p(req, 'storage') ?? 'local';
}

/** The owner VMID in a volume name (`vzdump-lxc-100-...`, `vm-100-disk-0`). */
function volumeOwner(req: PermRequest): string | undefined {
  return /(?:vzdump-(?:lxc|qemu)-|(?:vm|base)-)(\d+)[-.]/.exec(p(req, 'volume') ?? '')?.[1];
}

/**
 * Hand-written permission checks per route (`METHOD path` as registered), after the official
 * schema's `permissions` (read from apidoc-9.1.json, never copied). Routes not listed are
 * `user => 'all'`; some of those filter what they list (see `visible` in the routes).
 */
const CHECKS: Record<string, PermCheck> = {
  'GET /cluster/status': perm('/', ['Sys.Audit']),
  'GET /nodes/{node}/status': perm('/nodes/{node}', ['Sys.Audit']),
  'GET /nodes/{node}/apt/versions': perm('/nodes/{node}', ['Sys.Audit']),
  'GET /nodes/{node}/rrddata': perm('/nodes/{node}', ['Sys.Audit']),
  'GET /nodes/{node}/query-oci-repo-tags': perm('/nodes/{node}', ['Sys.AccessNetwork']),
  'POST /nodes/{node}/aplinfo': perm('/storage/{storage}', ['Datastore.AllocateTemplate']),
  'GET /storage/{storage}': perm('/storage/{storage}', ['Datastore.Allocate']),
  'GET /nodes/{node}/storage/{storage}': STORAGE_READ,
  'GET /nodes/{node}/storage/{storage}/status': STORAGE_READ,
  'GET /nodes/{node}/storage/{storage}/content': STORAGE_READ,
  'GET /nodes/{node}/storage/{storage}/content/{volume+}': STORAGE_READ,
  'PUT /nodes/{node}/storage/{storage}/content/{volume+}': dynamic((req) => {
    const owner = volumeOwner(req);
    const space = perm('/storage/{storage}', ['Datastore.AllocateSpace']);
    return or(perm('/storage/{storage}', ['Datastore.Allocate']), owner ? and(space, perm(`/vms/${owner}`, ['VM.Backup'])) : space);
  }),
  'DELETE /nodes/{node}/storage/{storage}/content/{volume+}': dynamic((req) => {
    const owner = volumeOwner(req);
    const allocate = perm('/storage/{storage}', ['Datastore.Allocate']);
    return owner && /vzdump-/.test(p(req, 'volume') ?? '') ? or(allocate, and(perm('/storage/{storage}', ['Datastore.AllocateSpace']), perm(`/vms/${owner}`, ['VM.Backup']))) : allocate;
  }),
  'POST /nodes/{node}/storage/{storage}/oci-registry-pull': and(perm('/storage/{storage}', ['Datastore.AllocateTemplate']), perm('/nodes/{node}', ['Sys.AccessNetwork'])),
  'POST /nodes/{node}/lxc': dynamic((req) => {
    const storage = perm(`/storage/${allocationStorage(req)}`, ['Datastore.AllocateSpace']);
    // Restoring over an existing CT is allowed with VM.Backup alone.
    const allocate = p(req, 'restore') && p(req, 'force') ? or(perm('/vms/{vmid}', ['VM.Allocate']), perm('/vms/{vmid}', ['VM.Backup'])) : perm('/vms/{vmid}', ['VM.Allocate']);
    return and(allocate, storage);
  }),
  'DELETE /nodes/{node}/lxc/{vmid}': perm('/vms/{vmid}', ['VM.Allocate']),
  'GET /nodes/{node}/lxc/{vmid}/config': VM_AUDIT,
  'PUT /nodes/{node}/lxc/{vmid}/config': perm('/vms/{vmid}', ['VM.Config.Disk', 'VM.Config.CPU', 'VM.Config.Memory', 'VM.Config.Network', 'VM.Config.Options'], true),
  'GET /nodes/{node}/lxc/{vmid}/pending': VM_AUDIT,
  'GET /nodes/{node}/lxc/{vmid}/interfaces': VM_AUDIT,
  'GET /nodes/{node}/lxc/{vmid}/rrddata': VM_AUDIT,
  'GET /nodes/{node}/lxc/{vmid}/status/current': VM_AUDIT,
  'POST /nodes/{node}/lxc/{vmid}/status/start': POWER,
  'POST /nodes/{node}/lxc/{vmid}/status/stop': POWER,
  'POST /nodes/{node}/lxc/{vmid}/status/shutdown': POWER,
  'POST /nodes/{node}/lxc/{vmid}/status/reboot': POWER,
  'POST /nodes/{node}/lxc/{vmid}/status/suspend': POWER,
  'POST /nodes/{node}/lxc/{vmid}/status/resume': POWER,
  'PUT /nodes/{node}/lxc/{vmid}/resize': perm('/vms/{vmid}', ['VM.Config.Disk']),
  'POST /nodes/{node}/lxc/{vmid}/move_volume': dynamic((req) => {
    // With target-vmid, the handler checks the target CT and the volume's storage (LXC.pm L2886-2898).
    const checks = [perm('/vms/{vmid}', ['VM.Config.Disk'])];
    if (p(req, 'storage')) checks.push(perm('/storage/{storage}', ['Datastore.AllocateSpace']));
    return and(...checks);
  }),
  'GET /nodes/{node}/lxc/{vmid}/snapshot': VM_AUDIT,
  'POST /nodes/{node}/lxc/{vmid}/snapshot': perm('/vms/{vmid}', ['VM.Snapshot']),
  'DELETE /nodes/{node}/lxc/{vmid}/snapshot/{snapname}': perm('/vms/{vmid}', ['VM.Snapshot']),
  'GET /nodes/{node}/lxc/{vmid}/snapshot/{snapname}/config': perm('/vms/{vmid}', ['VM.Snapshot', 'VM.Snapshot.Rollback', 'VM.Audit'], true),
  'PUT /nodes/{node}/lxc/{vmid}/snapshot/{snapname}/config': perm('/vms/{vmid}', ['VM.Snapshot']),
  'POST /nodes/{node}/lxc/{vmid}/snapshot/{snapname}/rollback': perm('/vms/{vmid}', ['VM.Snapshot', 'VM.Snapshot.Rollback'], true),
  'POST /nodes/{node}/lxc/{vmid}/clone': and(perm('/vms/{vmid}', ['VM.Clone']), perm('/vms/{newid}', ['VM.Allocate'])),
  'POST /nodes/{node}/lxc/{vmid}/template': perm('/vms/{vmid}', ['VM.Allocate']),
  'GET /nodes/{node}/lxc/{vmid}/migrate': perm('/vms/{vmid}', ['VM.Migrate']),
  'POST /nodes/{node}/lxc/{vmid}/migrate': perm('/vms/{vmid}', ['VM.Migrate']),
  'POST /nodes/{node}/vzdump': dynamic((req) => {
    const vmids = (p(req, 'vmid') ?? '').split(/[,;\s]+/).filter((v) => v !== '');
    return and(...vmids.map((vmid) => perm(`/vms/${vmid}`, ['VM.Backup'])), perm(`/storage/${p(req, 'storage') ?? 'local'}`, ['Datastore.AllocateSpace']));
  }),
  // pve-access-control src/PVE/API2/User.pm L292-296, L376, L429, L508-510.
  'POST /access/users': and(realmAllocateUser, useridGroup(['User.Modify'], 'create')),
  'GET /access/users/{userid}': useridGroup(['User.Modify', 'Sys.Audit']),
  'PUT /access/users/{userid}': useridGroup(['User.Modify'], 'update'),
  'DELETE /access/users/{userid}': and(realmAllocateUser, useridGroup(['User.Modify'])),
  'GET /access/users/{userid}/token': SELF_OR_USER_ADMIN,
  'GET /access/users/{userid}/token/{tokenid}': SELF_OR_USER_ADMIN,
  'POST /access/users/{userid}/token/{tokenid}': SELF_OR_USER_ADMIN,
  'PUT /access/users/{userid}/token/{tokenid}': SELF_OR_USER_ADMIN,
  'DELETE /access/users/{userid}/token/{tokenid}': SELF_OR_USER_ADMIN,
  // src/PVE/API2/Role.pm L80, L128, L207; src/PVE/API2/ACL.pm L113.
  'POST /access/roles': perm('/access', ['Sys.Modify']),
  'PUT /access/roles/{roleid}': perm('/access', ['Sys.Modify']),
  'DELETE /access/roles/{roleid}': perm('/access', ['Sys.Modify']),
  'PUT /access/acl': permModify,
};

/** `check_api2_permissions` (RPCEnvironment.pm L556): root@pam itself is not checked at all (its tokens are). */
export const ROUTE_PERMISSIONS: Record<string, PermCheck> = Object.fromEntries(
  Object.entries(CHECKS).map(([route, check]): [string, PermCheck] => [route, (req, noerr) => (req.authUser === 'root@pam' ? undefined : check(req, noerr))]),
);
