/**
 * pve-access-control `src/PVE/AccessControl.pm` `$privgroups` L1057-1164: per category the
 * privileges only root should get (`root`), those of the `PVE<cat>Admin` role (`admin`), of the
 * `PVE<cat>User` role (`user`) and of `PVEAuditor` (`audit`).
 */
const PRIVGROUPS: Record<string, { root: readonly string[]; admin: readonly string[]; user: readonly string[]; audit: readonly string[] }> = {
  VM: {
    root: [],
    admin: ['VM.Config.Disk', 'VM.Config.CPU', 'VM.Config.Memory', 'VM.Config.Network', 'VM.Config.HWType', 'VM.Config.Options', 'VM.Allocate', 'VM.Clone', 'VM.GuestAgent.Unrestricted', 'VM.Migrate', 'VM.Replicate', 'VM.Snapshot', 'VM.Snapshot.Rollback'],
    user: ['VM.Config.CDROM', 'VM.Config.Cloudinit', 'VM.Console', 'VM.Backup', 'VM.GuestAgent.FileRead', 'VM.GuestAgent.FileSystemMgmt', 'VM.GuestAgent.FileWrite', 'VM.PowerMgmt'],
    audit: ['VM.Audit', 'VM.GuestAgent.Audit'],
  },
  Sys: { root: ['Sys.PowerMgmt', 'Sys.Modify', 'Sys.Incoming', 'Sys.AccessNetwork'], admin: ['Sys.Console', 'Sys.Syslog'], user: [], audit: ['Sys.Audit'] },
  Datastore: { root: [], admin: ['Datastore.Allocate', 'Datastore.AllocateTemplate'], user: ['Datastore.AllocateSpace'], audit: ['Datastore.Audit'] },
  SDN: { root: [], admin: ['SDN.Allocate', 'SDN.Audit'], user: ['SDN.Use'], audit: ['SDN.Audit'] },
  User: { root: ['Realm.Allocate'], admin: ['User.Modify', 'Group.Allocate', 'Realm.AllocateUser'], user: [], audit: [] },
  Pool: { root: [], admin: ['Pool.Allocate'], user: ['Pool.Audit'], audit: ['Pool.Audit'] },
  Mapping: { root: [], admin: ['Mapping.Modify'], user: ['Mapping.Use'], audit: ['Mapping.Audit'] },
};

/** `$valid_privs` (L1166-1168, filled by `create_roles` L1177-1182): every category's privileges and `Permissions.Modify`. */
export const ALL_PRIVS: readonly string[] = [...new Set(['Permissions.Modify', ...Object.values(PRIVGROUPS).flatMap((g) => [...g.root, ...g.admin, ...g.user, ...g.audit])])].sort();

/** `create_roles` (AccessControl.pm L1170-1204): the built-in ("special") roles. */
function builtinRoles(): Record<string, readonly string[]> {
  const roles: Record<string, Set<string>> = { NoAccess: new Set(), Administrator: new Set(ALL_PRIVS), PVEAdmin: new Set(), PVEAuditor: new Set() };
  const add = (role: string, privs: readonly string[]): void => {
    roles[role] ??= new Set();
    for (const p of privs) roles[role].add(p);
  };
  for (const [cat, g] of Object.entries(PRIVGROUPS)) {
    add(`PVE${cat}Admin`, [...g.admin, ...g.user, ...g.audit]);
    add('PVEAdmin', [...g.admin, ...g.user, ...g.audit]);
    if (g.user.length > 0) add(`PVE${cat}User`, [...g.user, ...g.audit]);
    add('PVEAuditor', g.audit);
  }
  // L1199-1201: only Administrator, root@pam and PVEMappingAdmin get Mapping.Modify.
  roles['PVEAdmin'].delete('Mapping.Modify');
  roles['PVETemplateUser'] = new Set(['VM.Clone', 'VM.Audit']);
  return Object.fromEntries(Object.entries(roles).map(([id, privs]) => [id, [...privs].sort()]));
}

/**
 * Administrator, NoAccess, PVEAdmin, PVEAuditor, PVETemplateUser, PVE{VM,Sys,Datastore,SDN,User,Pool,Mapping}Admin,
 * PVE{VM,Datastore,SDN,Pool,Mapping}User, with PVE 9.1's privilege lists (pve-access-control 9.0.3+:
 * `VM.Replicate`, `VM.GuestAgent.*` instead of `VM.Monitor`; the sim's `8.4` keeps these lists too).
 */
export const BUILTIN_ROLES: Record<string, readonly string[]> = builtinRoles();

/**
 * The ticket's `cap` areas and which privileges each shows: RPCEnvironment.pm
 * `compute_api_permission` `$priv_re_map` L184-192.
 */
const CAP_RE: Record<string, RegExp> = {
  vms: /^(VM\.|Permissions\.Modify)/,
  access: /^((User|Group)\.|Permissions\.Modify)/,
  storage: /^(Datastore\.|Permissions\.Modify)/,
  nodes: /^(Sys\.|Permissions\.Modify)/,
  sdn: /^(SDN\.|Permissions\.Modify)/,
  dc: /^(Sys\.Audit|Sys\.Modify|SDN\.)/,
  mapping: /^(Mapping\.|Permissions.Modify)/,
};

/** Privileges PVE 9 knows, by ticket `cap` area. */
export const PRIVS_BY_AREA: Record<string, readonly string[]> = Object.fromEntries(Object.entries(CAP_RE).map(([area, re]) => [area, ALL_PRIVS.filter((p) => re.test(p))]));

/** The ACL path each `cap` area is read at. */
export const CAP_PATHS: Record<string, string> = { vms: '/vms', storage: '/storage', access: '/access', nodes: '/nodes', sdn: '/sdn', dc: '/', mapping: '/mapping' };

/** `/`, `/vms`, `/vms/100`: the prefixes an ACL lookup walks, most general first. */
export function aclPathPrefixes(path: string): string[] {
  const parts = path.split('/').filter((p) => p !== '');
  return ['/', ...parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`)];
}

/** `normalize_path` (AccessControl.pm L1263-1279): `//` folded, trailing `/` dropped, leading `/` added; undefined when empty or with other characters. */
export function normalizeAclPath(path: string | undefined): string | undefined {
  if (!path) return undefined;
  let p = path.replace(/\/+/g, '/').replace(/\/$/, '');
  if (p === '') p = '/';
  if (!p.startsWith('/')) p = `/${p}`;
  return /^[A-Za-z0-9.\-_/]+$/.test(p) ? p : undefined;
}

/** `check_path` (AccessControl.pm L1281-1319): the ACL paths PVE accepts. */
export const ACL_PATH_RE = new RegExp(
  '^(' +
    [
      '/',
      '/access',
      '/access/groups',
      '/access/groups/[A-Za-z0-9.\\-_]+',
      '/access/realm',
      '/access/realm/[A-Za-z0-9.\\-_]+',
      '/nodes',
      '/nodes/[A-Za-z0-9.\\-_]+',
      '/pool',
      '/pool/[A-Za-z0-9.\\-_]+(?:/[A-Za-z0-9.\\-_]+){0,2}',
      '/sdn',
      '/sdn/controllers',
      '/sdn/controllers/[A-Za-z0-9_\\-]+',
      '/sdn/dns',
      '/sdn/dns/[A-Za-z0-9]+',
      '/sdn/fabrics',
      '/sdn/fabrics/[A-Za-z0-9]+',
      '/sdn/ipams',
      '/sdn/ipams/[A-Za-z0-9]+',
      '/sdn/prefix-lists',
      '/sdn/prefix-lists/[A-Za-z0-9]+',
      '/sdn/route-maps',
      '/sdn/route-maps/[A-Za-z0-9]+',
      '/sdn/zones',
      '/sdn/zones/[A-Za-z0-9.\\-_]+',
      '/sdn/zones/[A-Za-z0-9.\\-_]+/[A-Za-z0-9.\\-_]+',
      '/sdn/zones/[A-Za-z0-9.\\-_]+/[A-Za-z0-9.\\-_]+/[1-9][0-9]{0,3}',
      '/storage',
      '/storage/[A-Za-z0-9.\\-_]+',
      '/vms',
      '/vms/[1-9][0-9]{2,}',
      '/mapping',
      '/mapping/[A-Za-z0-9.\\-_]+',
      '/mapping/[A-Za-z0-9.\\-_]+/[A-Za-z0-9.\\-_]+',
    ].join('|') +
    ')$',
);
