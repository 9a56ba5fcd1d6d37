import { randomUUID } from 'node:crypto';
import { aclTreeOrder, ROOT, type AclEntry, type TokenEntry, type UserEntry } from '../access/access-control';
import { checkFormats, configidFormat, groupFormat, listOf, privFormat, roleFormat, splitList, TOKEN_FULL_RE, tokenFormat, userFormat } from '../access/access-formats';
import { mayModifyPermissions, permissionMessage } from '../access/permission-check';
import { ACL_PATH_RE, aclPathPrefixes, normalizeAclPath } from '../access/privileges';
import { ApiError, dieError, paramError } from '../params/api-error';
import { boolParam, numParam, strParam, type Params } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import type { SimContext } from '../sim-context';

// pve-access-control src/PVE/API2/User.pm L20-106 (standard options), L78-84 token-subid.
const TOKENID = { type: 'string', pattern: /^[A-Za-z][A-Za-z0-9.\-_]+$/ } as const;
const USERID_AND_TOKENID_RE = /^[^\s:/]+@[A-Za-z][A-Za-z0-9.\-_]+(?:![A-Za-z][A-Za-z0-9.\-_]+)?$/;
const USER_FIELDS = {
  comment: { type: 'string', optional: true, maxLength: 2048 },
  email: { type: 'string', optional: true, maxLength: 254 },
  enable: { type: 'boolean', optional: true },
  expire: { type: 'integer', optional: true, minimum: 0 },
  firstname: { type: 'string', optional: true, maxLength: 1024 },
  lastname: { type: 'string', optional: true, maxLength: 1024 },
  groups: { type: 'string', optional: true },
  keys: { type: 'string', optional: true, pattern: /^[0-9a-zA-Z!=]{0,4096}$/ },
} as const;
const TOKEN_FIELDS = { comment: { type: 'string', optional: true }, expire: { type: 'integer', optional: true, minimum: 0 }, privsep: { type: 'boolean', optional: true } } as const;
/** The realms the sim has (`domains.cfg`): their type is their name. */
const REALMS = ['pam', 'pve'];

/** `lock_user_config($code, $errmsg)` (AccessControl.pm L81-93): a die inside gets the prefix; a raised 400 comes out stringified, as a 500. */
function lockedFailure(errmsg: string, err: ApiError | string): ApiError {
  if (typeof err === 'string') return dieError(`${errmsg}: ${err}`);
  const errors = Object.entries(err.errors ?? {}).map(([k, v]) => `${k}: ${v}\n`);
  return dieError(`${errmsg}: ${err.code} ${err.message}${errors.join('')}`);
}

const realmOf = (userid: string): string => userid.slice(userid.lastIndexOf('@') + 1);

function requireUser(sim: SimContext, userid: string): UserEntry {
  const user = sim.access.users.get(userid);
  if (!user) throw dieError(`no such user ('${userid}')`);
  return user;
}

/** `check_token_exist` (AccessControl.pm L705-718). */
function requireToken(sim: SimContext, userid: string, tokenid: string): TokenEntry {
  const token = requireUser(sim, userid).tokens.get(tokenid);
  if (!token) throw dieError(`no such token '${tokenid}' for user '${userid}'`);
  return token;
}

/** A token as `user.cfg` gives it back (`parse_user_config` L1633-1639): `privsep`, `expire`, `comment` when not empty. */
function tokenInfo(t: TokenEntry): Record<string, unknown> {
  return { privsep: t.privsep ? 1 : 0, expire: t.expire, ...(t.comment ? { comment: t.comment } : {}) };
}

/**
 * `$extract_user_data` (User.pm L137-152) of a user as `user.cfg` gives it back
 * (`write_user_config` L1657-1666, `parse_user_config` L1424-1460): empty names and comments are
 * gone, but `email` is `''` when a later field (comment, keys) is set. `full` adds groups (none in
 * the sim) and tokens (`null` without any).
 */
function userData(user: UserEntry, full: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { enable: user.enable ? 1 : 0, expire: user.expire };
  if (user.firstname) out['firstname'] = user.firstname;
  if (user.lastname) out['lastname'] = user.lastname;
  if (user.email || user.comment || user.keys) out['email'] = user.email ?? '';
  if (user.comment) out['comment'] = user.comment;
  if (user.keys) out['keys'] = user.keys;
  if (!full) return out;
  out['groups'] = [];
  out['tokens'] = user.tokens.size > 0 ? Object.fromEntries([...user.tokens.values()].map((t) => [t.tokenid, tokenInfo(t)])) : null;
  return out;
}

function applyUserFields(user: UserEntry, params: Params, onlyNonEmpty: boolean): void {
  const expire = numParam(params, 'expire');
  if (expire !== undefined && (expire || !onlyNonEmpty)) user.expire = expire;
  for (const key of ['firstname', 'lastname', 'email', 'comment', 'keys'] as const) {
    const v = strParam(params, key);
    if (v !== undefined && (v || !onlyNonEmpty)) user[key] = v;
  }
}

/** The sim has no groups: every named group is unknown (User.pm L342-350, L471-479; ACL.pm L224-227). */
function refuseGroups(params: Params, text: (group: string) => string): void {
  const [group] = splitList(strParam(params, 'groups'));
  if (group !== undefined) throw dieError(text(group));
}

export const accessUserRoutes: RouteDef[] = [
  {
    // User.pm `index` L223-281.
    method: 'GET',
    path: '/access/users',
    schema: { enabled: { type: 'boolean', optional: true }, full: { type: 'boolean', optional: true } },
    handler: ({ params, sim, auth }) => {
      const canUserMod = sim.access.has(auth.fullUser, '/access/groups', ['User.Modify', 'Sys.Audit'], true);
      const enabled = params['enabled'] === undefined ? undefined : boolParam(params, 'enabled');
      const full = boolParam(params, 'full');
      return [...sim.access.users.values()]
        .sort((a, b) => (a.userid < b.userid ? -1 : a.userid > b.userid ? 1 : 0))
        .filter((u) => canUserMod || u.userid === auth.fullUser)
        .filter((u) => enabled === undefined || u.enable === enabled)
        .map((u) => {
          const entry = userData(u, full);
          if (full) {
            entry['groups'] = '';
            entry['tokens'] = u.tokens.size > 0 ? [...u.tokens.values()].sort((a, b) => (a.tokenid < b.tokenid ? -1 : 1)).map((t) => ({ tokenid: t.tokenid, ...tokenInfo(t) })) : null;
          }
          if (REALMS.includes(realmOf(u.userid))) entry['realm-type'] = realmOf(u.userid);
          return { ...entry, userid: u.userid };
        });
    },
  },
  {
    // User.pm `create_user` L321-367.
    method: 'POST',
    path: '/access/users',
    schema: { userid: { type: 'string' }, password: { type: 'string', optional: true, minLength: 8, maxLength: 64 }, ...USER_FIELDS },
    handler: ({ params, sim }) => {
      const userid = strParam(params, 'userid') ?? '';
      checkFormats({ userid: [userid, userFormat], groups: [strParam(params, 'groups'), listOf(groupFormat)] });
      if (sim.access.users.has(userid)) throw dieError(`create user failed: user '${userid}' already exists`);
      const password = strParam(params, 'password');
      const realm = realmOf(userid);
      if (password !== undefined && !REALMS.includes(realm)) throw dieError(`create user failed: auth domain '${realm}' does not exist`);
      // Simplification: PAM passwords are the host's (`usermod`), the sim has no host users.
      if (password !== undefined && realm === 'pam') throw paramError({ password: 'pve-sim sets passwords only for the pve realm' });
      refuseGroups(params, (g) => `create user failed: no such group '${g}'`);
      const user: UserEntry = { userid, enable: params['enable'] === undefined ? true : boolParam(params, 'enable'), expire: 0, password, tokens: new Map() };
      applyUserFields(user, params, true);
      sim.access.users.set(userid, user);
      return null;
    },
  },
  {
    // User.pm `read_user` L410-420.
    method: 'GET',
    path: '/access/users/{userid}',
    handler: ({ params, sim }) => {
      const userid = strParam(params, 'userid') ?? '';
      checkFormats({ userid: [userid, userFormat] });
      return userData(requireUser(sim, userid), true);
    },
  },
  {
    // User.pm `update_user` L452-498.
    method: 'PUT',
    path: '/access/users/{userid}',
    schema: { ...USER_FIELDS, append: { type: 'boolean', optional: true } },
    handler: ({ params, sim }) => {
      const userid = strParam(params, 'userid') ?? '';
      checkFormats({ userid: [userid, userFormat], groups: [strParam(params, 'groups'), listOf(groupFormat)] });
      if (params['append'] !== undefined && params['groups'] === undefined) throw paramError({ groups: "missing property required by 'append'" });
      const user = sim.access.users.get(userid);
      if (!user) throw dieError(`update user failed: no such user ('${userid}')`);
      refuseGroups(params, (g) => `update user failed: no such group '${g}'`);
      if (params['enable'] !== undefined) user.enable = boolParam(params, 'enable');
      applyUserFields(user, params, false);
      return null;
    },
  },
  {
    // User.pm `delete_user` L519-565: no existence check (root deleting an unknown user gets null).
    method: 'DELETE',
    path: '/access/users/{userid}',
    handler: ({ params, sim }) => {
      const userid = strParam(params, 'userid') ?? '';
      checkFormats({ userid: [userid, userFormat] });
      // Simplification: PVE deletes root@pam too (and re-creates it bare, L1386-1401); the sim keeps its root and root's token.
      if (userid === ROOT) throw dieError('pve-sim: root@pam cannot be deleted');
      sim.access.users.delete(userid);
      // delete_user_acl (L1020-1031); the tokens' ACLs go with the tokens (parse_user_config L1546-1552).
      sim.access.dropAcl(userid);
      return null;
    },
  },
  {
    // User.pm `token_index` L708-718.
    method: 'GET',
    path: '/access/users/{userid}/token',
    handler: ({ params, sim }) => {
      const userid = strParam(params, 'userid') ?? '';
      checkFormats({ userid: [userid, userFormat] });
      return [...requireUser(sim, userid).tokens.values()].map((t) => ({ ...tokenInfo(t), tokenid: t.tokenid }));
    },
  },
  {
    // User.pm `read_token` L739-748.
    method: 'GET',
    path: '/access/users/{userid}/token/{tokenid}',
    schema: { tokenid: TOKENID },
    handler: ({ params, sim }) => {
      const userid = strParam(params, 'userid') ?? '';
      checkFormats({ userid: [userid, userFormat] });
      return tokenInfo(requireToken(sim, userid, strParam(params, 'tokenid') ?? ''));
    },
  },
  {
    // User.pm `generate_token` L789-830: `info` is the new entry as set (no `expire` unless given).
    method: 'POST',
    path: '/access/users/{userid}/token/{tokenid}',
    schema: { tokenid: TOKENID, ...TOKEN_FIELDS },
    handler: ({ params, sim }) => {
      const userid = strParam(params, 'userid') ?? '';
      const tokenid = strParam(params, 'tokenid') ?? '';
      checkFormats({ userid: [userid, userFormat] });
      const user = requireUser(sim, userid);
      if (user.tokens.has(tokenid)) throw paramError({ tokenid: 'Token already exists.' });
      const privsep = params['privsep'] === undefined || boolParam(params, 'privsep') ? 1 : 0;
      const expire = numParam(params, 'expire');
      const comment = strParam(params, 'comment') || undefined;
      user.tokens.set(tokenid, { tokenid, secret: randomUUID(), privsep: privsep === 1, expire: expire ?? 0, comment });
      const info = { privsep, ...(expire !== undefined ? { expire } : {}), ...(comment ? { comment } : {}) };
      return { info, value: user.tokens.get(tokenid)?.secret, 'full-tokenid': `${userid}!${tokenid}` };
    },
  },
  {
    // User.pm `update_token_info` L881-934 (`regenerate` is pve-access-control 9.1.0+, not in the 9.1 API schema).
    method: 'PUT',
    path: '/access/users/{userid}/token/{tokenid}',
    schema: { tokenid: TOKENID, ...TOKEN_FIELDS, delete: { type: 'string', optional: true } },
    handler: ({ params, sim }) => {
      const userid = strParam(params, 'userid') ?? '';
      checkFormats({ userid: [userid, userFormat], delete: [strParam(params, 'delete'), listOf(configidFormat)] });
      const token = requireToken(sim, userid, strParam(params, 'tokenid') ?? '');
      const unknown = splitList(strParam(params, 'delete')).find((k) => k !== 'comment');
      if (unknown !== undefined) throw lockedFailure('updating token info failed', paramError({ delete: `unknown option '${unknown}'` }));
      if (params['privsep'] !== undefined) token.privsep = boolParam(params, 'privsep');
      const expire = numParam(params, 'expire');
      if (expire !== undefined) token.expire = expire;
      const comment = strParam(params, 'comment');
      if (comment !== undefined) token.comment = comment;
      if (!token.comment || splitList(strParam(params, 'delete')).includes('comment')) token.comment = undefined;
      return tokenInfo(token);
    },
  },
  {
    // User.pm `remove_token` L955-980; the token's ACLs go with it (parse_user_config L1546-1552).
    method: 'DELETE',
    path: '/access/users/{userid}/token/{tokenid}',
    schema: { tokenid: TOKENID },
    handler: ({ params, sim }) => {
      const userid = strParam(params, 'userid') ?? '';
      const tokenid = strParam(params, 'tokenid') ?? '';
      checkFormats({ userid: [userid, userFormat] });
      requireToken(sim, userid, tokenid);
      requireUser(sim, userid).tokens.delete(tokenid);
      sim.access.dropAcl(`${userid}!${tokenid}`);
      return null;
    },
  },
];

export const accessRoleRoutes: RouteDef[] = [
  {
    // Role.pm `index` L53-71.
    method: 'GET',
    path: '/access/roles',
    handler: ({ sim }) => [...sim.access.roles.entries()].map(([roleid, r]) => ({ roleid, privs: [...r.privs].sort().join(','), special: r.special ? 1 : 0 })),
  },
  {
    // Role.pm `create_role` L91-120.
    method: 'POST',
    path: '/access/roles',
    schema: { roleid: { type: 'string' }, privs: { type: 'string', optional: true } },
    handler: ({ params, sim }) => {
      const roleid = strParam(params, 'roleid') ?? '';
      checkFormats({ roleid: [roleid, roleFormat], privs: [strParam(params, 'privs'), listOf(privFormat)] });
      if (/^PVE/i.test(roleid)) throw paramError({ roleid: "cannot use role ID starting with the (case-insensitive) 'PVE' namespace" });
      if (sim.access.roles.has(roleid)) throw dieError(`create role failed: role '${roleid}' already exists`);
      sim.access.roles.set(roleid, { privs: new Set(splitList(strParam(params, 'privs'))), special: false });
      return null;
    },
  },
  {
    // Role.pm `read_role` L186-199.
    method: 'GET',
    path: '/access/roles/{roleid}',
    handler: ({ params, sim }) => {
      const roleid = strParam(params, 'roleid') ?? '';
      checkFormats({ roleid: [roleid, roleFormat] });
      const role = sim.access.roles.get(roleid);
      if (!role) throw dieError(`role '${roleid}' does not exist`);
      return Object.fromEntries([...role.privs].sort().map((p) => [p, 1]));
    },
  },
  {
    // Role.pm `update_role` L140-165.
    method: 'PUT',
    path: '/access/roles/{roleid}',
    schema: { privs: { type: 'string', optional: true }, append: { type: 'boolean', optional: true } },
    handler: ({ params, sim }) => {
      const roleid = strParam(params, 'roleid') ?? '';
      checkFormats({ roleid: [roleid, roleFormat], privs: [strParam(params, 'privs'), listOf(privFormat)] });
      if (params['append'] !== undefined && params['privs'] === undefined) throw paramError({ privs: "missing property required by 'append'" });
      const role = sim.access.roles.get(roleid);
      if (role?.special) throw dieError(`auto-generated role '${roleid}' cannot be modified`);
      if (!role) throw dieError(`update role failed: role '${roleid}' does not exist`);
      const privs = splitList(strParam(params, 'privs'));
      role.privs = new Set(boolParam(params, 'append') ? [...role.privs, ...privs] : privs);
      return null;
    },
  },
  {
    // Role.pm `delete_role` L217-242.
    method: 'DELETE',
    path: '/access/roles/{roleid}',
    handler: ({ params, sim }) => {
      const roleid = strParam(params, 'roleid') ?? '';
      checkFormats({ roleid: [roleid, roleFormat] });
      const role = sim.access.roles.get(roleid);
      if (role?.special) throw dieError(`auto-generated role '${roleid}' cannot be deleted`);
      if (!role) throw dieError(`delete role failed: role '${roleid}' does not exist`);
      sim.access.roles.delete(roleid);
      // The ACLs naming it stay in user.cfg but are ignored when it is read (AccessControl.pm L1525-1528).
      sim.access.acl = sim.access.acl.filter((a) => a.roleid !== roleid);
      return null;
    },
  },
];

/** ACL.pm `update_acl` L185-222: without `Permissions.Modify`, only roles within the caller's own (propagated) privileges. */
function checkRoleGrant(sim: SimContext, mine: Map<string, number>, roleid: string, propagate: number, remove: boolean): void {
  if (mine.has('Permissions.Modify')) return;
  const verb = remove ? 'remove' : 'add';
  const refuse = (text: string): never => {
    throw lockedFailure('ACL update failed', paramError({ role: text }));
  };
  for (const priv of [...(sim.access.roles.get(roleid)?.privs ?? [])].sort()) {
    if (!mine.has(priv)) refuse(`Cannot ${verb} role '${roleid}' - requires 'Permissions.Modify' or superset of privileges.`);
    if (propagate && mine.get(priv) !== propagate && !remove) refuse(`Cannot ${verb} role '${roleid}' with propagation - requires 'Permissions.Modify' or propagated superset of privileges.`);
  }
  if (roleid === 'NoAccess') refuse(`Cannot ${verb} role '${roleid}' - requires 'Permissions.Modify'`);
}

export const accessAclRoutes: RouteDef[] = [
  {
    // ACL.pm `read_acl` L62-105: everything with Sys.Audit on /access, else the paths the caller may
    // modify; in tree order (`iterate_acl_tree`), users before tokens.
    method: 'GET',
    path: '/access/acl',
    handler: ({ sim, auth }) => {
      const audit = sim.access.has(auth.fullUser, '/access', ['Sys.Audit'], false);
      return aclTreeOrder(sim.access.acl)
        .filter((a) => audit || mayModifyPermissions(sim.access, auth.fullUser, a.path))
        .map((a) => ({ path: a.path, type: a.type, ugid: a.ugid, roleid: a.roleid, propagate: a.propagate ? 1 : 0 }));
    },
  },
  {
    // ACL.pm `update_acl` L152-268.
    method: 'PUT',
    path: '/access/acl',
    schema: {
      path: { type: 'string' },
      roles: { type: 'string' },
      users: { type: 'string', optional: true },
      tokens: { type: 'string', optional: true },
      groups: { type: 'string', optional: true },
      propagate: { type: 'boolean', optional: true },
      delete: { type: 'boolean', optional: true },
    },
    handler: ({ params, sim, auth }) => {
      const [roles, users, tokens, groups] = (['roles', 'users', 'tokens', 'groups'] as const).map((k) => strParam(params, k));
      checkFormats({ roles: [roles, listOf(roleFormat)], users: [users, listOf(userFormat)], tokens: [tokens, listOf(tokenFormat)], groups: [groups, listOf(groupFormat)] });
      if (!(users || groups || tokens)) {
        const text = "either 'users', 'groups' or 'tokens' is required.";
        throw paramError({ users: text, groups: text, tokens: text });
      }
      const remove = boolParam(params, 'delete');
      const given = strParam(params, 'path') ?? '';
      const path = normalizeAclPath(given);
      if (path === undefined || (!remove && !ACL_PATH_RE.test(path))) throw paramError({ path: `invalid ACL path '${given}'` });
      const mine = sim.access.permissions(auth.fullUser, path);
      const propagate = params['propagate'] === undefined || boolParam(params, 'propagate') ? 1 : 0;
      // Changes go to a copy: a failure leaves user.cfg as it was (L169-264).
      let acl = [...sim.access.acl];
      const set = (type: AclEntry['type'], ugid: string, roleid: string): void => {
        acl = acl.filter((a) => !(a.path === path && a.type === type && a.ugid === ugid && a.roleid === roleid));
        // root@pam's own entries are not written (write_user_config L1743-1744).
        if (!remove && ugid !== ROOT) acl.push({ path, type, ugid, roleid, propagate: propagate === 1 });
      };
      for (const roleid of splitList(roles)) {
        if (!sim.access.roles.has(roleid)) throw dieError(`ACL update failed: role '${roleid}' does not exist`);
        checkRoleGrant(sim, mine, roleid, propagate, remove);
        refuseGroups(params, (g) => `ACL update failed: group '${g}' does not exist`);
        for (const userid of splitList(users)) {
          if (!sim.access.users.has(userid)) throw dieError(`ACL update failed: user '${userid}' does not exist`);
          set('user', userid, roleid);
        }
        for (const id of splitList(tokens)) {
          const [, userid, tokenid] = TOKEN_FULL_RE.exec(id) ?? ['', '', ''];
          if (!sim.access.users.has(userid)) throw dieError(`ACL update failed: no such user ('${userid}')`);
          if (!sim.access.users.get(userid)?.tokens.has(tokenid)) throw dieError(`ACL update failed: no such token '${tokenid}' for user '${userid}'`);
          set('token', id, roleid);
        }
      }
      sim.access.acl = acl;
      return null;
    },
  },
  {
    // AccessControl.pm (API2) `permissions` L543-573, RPCEnvironment.pm `get_effective_permissions` L241-289.
    method: 'GET',
    path: '/access/permissions',
    schema: { path: { type: 'string', optional: true }, userid: { type: 'string', optional: true, pattern: USERID_AND_TOKENID_RE } },
    handler: ({ params, sim, auth }) => {
      const userid = strParam(params, 'userid') ?? auth.fullUser;
      const owner = TOKEN_FULL_RE.exec(userid)?.[1];
      if (userid !== auth.fullUser && owner !== auth.fullUser && !sim.access.has(auth.fullUser, '/access', ['Sys.Audit'], false)) {
        throw new ApiError(403, permissionMessage('/access, Sys.Audit'));
      }
      const dump = (p: string): Record<string, number> => Object.fromEntries([...sim.access.permissions(userid, p)].sort(([a], [b]) => (a < b ? -1 : 1)));
      const path = strParam(params, 'path');
      if (path) return { [path]: dump(path) };
      const paths = new Set(['/', '/access', '/access/groups', '/nodes', '/pool', '/sdn', '/storage', '/vms', ...sim.access.acl.flatMap((a) => aclPathPrefixes(a.path))]);
      return Object.fromEntries([...paths].sort().flatMap((p) => (sim.access.permissions(userid, p).size > 0 ? [[p, dump(p)]] : [])));
    },
  },
];

/**
 * Users, API tokens, roles and ACLs (pve-access-control `API2/User.pm`, `API2/Role.pm`,
 * `API2/ACL.pm`, `API2/AccessControl.pm` `permissions`). Groups (none exist), realms other than
 * pam/pve, TFA and password changes are not modelled.
 */
export const accessAdminRoutes: RouteDef[] = [...accessUserRoutes, ...accessRoleRoutes, ...accessAclRoutes];
