/** Privileges PVE 9 knows, by the ACL area they mostly apply to (also the ticket's `cap`). */
export const PRIVS_BY_AREA: Record<string, readonly string[]> = {
  vms: ['VM.Allocate', 'VM.Audit', 'VM.Backup', 'VM.Clone', 'VM.Config.CDROM', 'VM.Config.CPU', 'VM.Config.Cloudinit', 'VM.Config.Disk', 'VM.Config.HWType', 'VM.Config.Memory', 'VM.Config.Network', 'VM.Config.Options', 'VM.Console', 'VM.Migrate', 'VM.PowerMgmt', 'VM.Snapshot', 'VM.Snapshot.Rollback', 'Permissions.Modify'],
  storage: ['Datastore.Allocate', 'Datastore.AllocateSpace', 'Datastore.AllocateTemplate', 'Datastore.Audit', 'Permissions.Modify'],
  access: ['Group.Allocate', 'Permissions.Modify', 'Realm.Allocate', 'Realm.AllocateUser', 'User.Modify'],
  nodes: ['Permissions.Modify', 'Sys.AccessNetwork', 'Sys.Audit', 'Sys.Console', 'Sys.Incoming', 'Sys.Modify', 'Sys.PowerMgmt', 'Sys.Syslog'],
  sdn: ['Permissions.Modify', 'SDN.Allocate', 'SDN.Audit', 'SDN.Use'],
  dc: ['Sys.Audit', 'Sys.Modify', 'SDN.Allocate', 'SDN.Audit'],
  mapping: ['Mapping.Audit', 'Mapping.Modify', 'Mapping.Use', 'Permissions.Modify'],
};

/** The ACL path each `cap` area is read at. */
export const CAP_PATHS: Record<string, string> = { vms: '/vms', storage: '/storage', access: '/access', nodes: '/nodes', sdn: '/sdn', dc: '/', mapping: '/mapping' };

export const ALL_PRIVS: readonly string[] = [...new Set([...Object.values(PRIVS_BY_AREA).flat(), 'Pool.Allocate', 'Pool.Audit'])].sort();

const audit = ALL_PRIVS.filter((p) => p.endsWith('.Audit'));
const vmAll = ALL_PRIVS.filter((p) => p.startsWith('VM.'));

/**
 * Built-in roles (pve-access-control `$privgroups`, approximated for the privileges above; the
 * exact PVE 9 lists differ in details). Custom roles are what a least-privilege setup uses.
 */
export const BUILTIN_ROLES: Record<string, readonly string[]> = {
  Administrator: ALL_PRIVS,
  NoAccess: [],
  PVEAdmin: ALL_PRIVS.filter((p) => !['Sys.PowerMgmt', 'Sys.Modify', 'Realm.Allocate'].includes(p)),
  PVEAuditor: audit,
  PVEVMAdmin: [...vmAll, 'Pool.Audit'],
  PVEVMUser: ['VM.Audit', 'VM.Backup', 'VM.Config.CDROM', 'VM.Config.Cloudinit', 'VM.Console', 'VM.PowerMgmt', 'Pool.Audit'],
  PVETemplateUser: ['VM.Audit', 'VM.Clone'],
  PVEDatastoreAdmin: ['Datastore.Allocate', 'Datastore.AllocateSpace', 'Datastore.AllocateTemplate', 'Datastore.Audit'],
  PVEDatastoreUser: ['Datastore.AllocateSpace', 'Datastore.Audit'],
  PVESDNUser: ['SDN.Audit', 'SDN.Use'],
  PVEPoolUser: ['Pool.Audit'],
};

/** `/`, `/vms`, `/vms/100`: the prefixes an ACL lookup walks, most general first. */
export function aclPathPrefixes(path: string): string[] {
  const parts = path.split('/').filter((p) => p !== '');
  return ['/', ...parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`)];
}

/** ACL paths PVE accepts (`check_path`), as far as the sim has objects for them. */
export const ACL_PATH_RE = /^\/(?:vms(?:\/\d+)?|storage(?:\/[\w.-]+)?|nodes(?:\/[\w.-]+)?|access(?:\/(?:groups|realm)(?:\/[\w.-]+)?)?|pool(?:\/[\w.-]+)?|sdn(?:\/[\w./-]+)?|mapping(?:\/[\w./-]+)?)?$/;
