import { randomUUID } from 'node:crypto';
import { ROOT, type UserEntry } from '../access/access-control';
import { ACL_PATH_RE, ALL_PRIVS, aclPathPrefixes } from '../access/privileges';
import type { AuthInfo } from '../auth/authenticate';
import { dieError, paramError } from '../params/api-error';
import { boolParam, numParam, strParam, type Params } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import type { SimContext } from '../sim-context';

const USERID_RE = /^[^\s:/]+@[A-Za-z][A-Za-z0-9.\-_]+$/;
const TOKENID_RE = /^[A-Za-z][A-Za-z0-9.\-_]+$/;
const ROLEID_RE = /^[A-Za-z0-9.\-_]+$/;
const USER_FIELDS = {
  comment: { type: 'string', optional: true, maxLength: 2048 },
  email: { type: 'string', optional: true, maxLength: 254 },
  enable: { type: 'boolean', optional: true },
  expire: { type: 'integer', optional: true, minimum: 0 },
  firstname: { type: 'string', optional: true },
  lastname: { type: 'string', optional: true },
  groups: { type: 'string', optional: true },
  keys: { type: 'string', optional: true },
} as const;
const TOKEN_FIELDS = { comment: { type: 'string', optional: true }, expire: { type: 'integer', optional: true, minimum: 0 }, privsep: { type: 'boolean', optional: true } } as const;

const list = (text: string | undefined): string[] => (text ?? '').split(/[,;\s]+/).filter((s) => s !== '');

function requireUser(sim: SimContext, userid: string): UserEntry {
  const user = sim.access.users.get(userid);
  if (!user) throw dieError(`no such user ('${userid}')`);
  return user;
}

function userView(user: UserEntry, full: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { userid: user.userid, enable: user.enable ? 1 : 0, expire: user.expire, 'realm-type': user.userid.split('@')[1] };
  for (const key of ['firstname', 'lastname', 'email', 'comment'] as const) if (user[key] !== undefined) out[key] = user[key];
  if (full) out['tokens'] = [...user.tokens.values()].map((t) => tokenView(t.tokenid, t));
  return out;
}

function tokenView(tokenid: string, t: { privsep: boolean; expire: number; comment?: string }): Record<string, unknown> {
  return { tokenid, privsep: t.privsep ? 1 : 0, expire: t.expire, ...(t.comment !== undefined ? { comment: t.comment } : {}) };
}

function applyUserFields(user: UserEntry, params: Params): void {
  if (strParam(params, 'groups')) throw paramError({ groups: 'groups are not modelled by pve-sim - grant ACLs to users or tokens' });
  if (params['enable'] !== undefined) user.enable = boolParam(params, 'enable');
  const expire = numParam(params, 'expire');
  if (expire !== undefined) user.expire = expire;
  for (const key of ['firstname', 'lastname', 'email', 'comment'] as const) {
    const v = strParam(params, key);
    if (v !== undefined) user[key] = v;
  }
}

/** Who may see everything: `Sys.Audit` or `User.Modify` on /access/groups. */
const seesAllUsers = (sim: SimContext, auth: AuthInfo): boolean => sim.access.has(auth.fullUser, '/access/groups', ['User.Modify', 'Sys.Audit'], true);

/**
 * Users, API tokens, roles and ACLs (pve-access-control `API2/User.pm`, `API2/ACL.pm`,
 * `API2/Role.pm`, `API2/AccessControl.pm` permissions): enough to run Proxdeck with a
 * least-privilege role. Groups, realms other than pam/pve, TFA and passwords changes are not modelled.
 */
export const accessAdminRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/access/users',
    schema: { enabled: { type: 'boolean', optional: true }, full: { type: 'boolean', optional: true } },
    handler: ({ params, sim, auth }) => {
      const enabled = params['enabled'] === undefined ? undefined : boolParam(params, 'enabled');
      return [...sim.access.users.values()]
        .filter((u) => seesAllUsers(sim, auth) || u.userid === auth.user)
        .filter((u) => enabled === undefined || u.enable === enabled)
        .map((u) => userView(u, boolParam(params, 'full')));
    },
  },
  {
    method: 'POST',
    path: '/access/users',
    schema: { userid: { type: 'string', pattern: USERID_RE, maxLength: 64 }, password: { type: 'string', optional: true, minLength: 8, maxLength: 64 }, ...USER_FIELDS },
    handler: ({ params, sim }) => {
      const userid = strParam(params, 'userid') ?? '';
      const realm = userid.split('@')[1];
      if (realm !== 'pam' && realm !== 'pve') throw dieError(`domain '${realm}' does not exist`);
      if (sim.access.users.has(userid)) throw dieError(`create user failed: user '${userid}' already exists`);
      const password = strParam(params, 'password');
      if (password !== undefined && realm !== 'pve') throw paramError({ password: 'pve-sim sets passwords only for the pve realm' });
      const user: UserEntry = { userid, enable: true, expire: 0, password, tokens: new Map() };
      applyUserFields(user, params);
      sim.access.users.set(userid, user);
      return null;
    },
  },
  {
    method: 'GET',
    path: '/access/users/{userid}',
    handler: ({ params, sim }) => {
      const view = userView(requireUser(sim, strParam(params, 'userid') ?? ''), false);
      delete view['userid'];
      return view;
    },
  },
  {
    method: 'PUT',
    path: '/access/users/{userid}',
    schema: { ...USER_FIELDS, append: { type: 'boolean', optional: true } },
    handler: ({ params, sim }) => {
      applyUserFields(requireUser(sim, strParam(params, 'userid') ?? ''), params);
      return null;
    },
  },
  {
    method: 'DELETE',
    path: '/access/users/{userid}',
    handler: ({ params, sim }) => {
      const userid = strParam(params, 'userid') ?? '';
      requireUser(sim, userid);
      if (userid === ROOT) throw dieError('pve-sim: root@pam cannot be deleted');
      sim.access.users.delete(userid);
      sim.access.dropAcl(userid);
      return null;
    },
  },
  {
    method: 'GET',
    path: '/access/users/{userid}/token',
    handler: ({ params, sim }) => [...requireUser(sim, strParam(params, 'userid') ?? '').tokens.values()].map((t) => tokenView(t.tokenid, t)),
  },
  {
    method: 'GET',
    path: '/access/users/{userid}/token/{tokenid}',
    handler: ({ params, sim }) => {
      const tokenid = strParam(params, 'tokenid') ?? '';
      const token = requireUser(sim, strParam(params, 'userid') ?? '').tokens.get(tokenid);
      if (!token) throw dieError(`no such token '${tokenid}' for user '${strParam(params, 'userid') ?? ''}'`);
      const view = tokenView(tokenid, token);
      delete view['tokenid'];
      return view;
    },
  },
  {
    method: 'POST',
    path: '/access/users/{userid}/token/{tokenid}',
    schema: TOKEN_FIELDS,
    handler: ({ params, sim }) => {
      const userid = strParam(params, 'userid') ?? '';
      const tokenid = strParam(params, 'tokenid') ?? '';
      const user = requireUser(sim, userid);
      if (!TOKENID_RE.test(tokenid)) throw paramError({ tokenid: `invalid format - invalid token ID '${tokenid}'\n` });
      if (user.tokens.has(tokenid)) throw dieError('Token already exists.');
      // privsep defaults to 1 (API2/User.pm).
      const token = { tokenid, secret: randomUUID(), privsep: params['privsep'] === undefined ? true : boolParam(params, 'privsep'), expire: numParam(params, 'expire') ?? 0, comment: strParam(params, 'comment') };
      user.tokens.set(tokenid, token);
      const info = tokenView(tokenid, token);
      delete info['tokenid'];
      return { 'full-tokenid': `${userid}!${tokenid}`, info, value: token.secret };
    },
  },
  {
    method: 'PUT',
    path: '/access/users/{userid}/token/{tokenid}',
    schema: { ...TOKEN_FIELDS, delete: { type: 'string', optional: true } },
    handler: ({ params, sim }) => {
      const tokenid = strParam(params, 'tokenid') ?? '';
      const token = requireUser(sim, strParam(params, 'userid') ?? '').tokens.get(tokenid);
      if (!token) throw dieError(`no such token '${tokenid}' for user '${strParam(params, 'userid') ?? ''}'`);
      if (params['privsep'] !== undefined) token.privsep = boolParam(params, 'privsep');
      const expire = numParam(params, 'expire');
      if (expire !== undefined) token.expire = expire;
      const comment = strParam(params, 'comment');
      if (comment !== undefined) token.comment = comment;
      if (list(strParam(params, 'delete')).includes('comment')) token.comment = undefined;
      const view = tokenView(tokenid, token);
      delete view['tokenid'];
      return view;
    },
  },
  {
    method: 'DELETE',
    path: '/access/users/{userid}/token/{tokenid}',
    handler: ({ params, sim }) => {
      const userid = strParam(params, 'userid') ?? '';
      const tokenid = strParam(params, 'tokenid') ?? '';
      const user = requireUser(sim, userid);
      if (!user.tokens.has(tokenid)) throw dieError(`no such token '${tokenid}' for user '${userid}'`);
      user.tokens.delete(tokenid);
      sim.access.dropAcl(`${userid}!${tokenid}`);
      return null;
    },
  },
  {
    method: 'GET',
    path: '/access/roles',
    handler: ({ sim }) => [...sim.access.roles.entries()].map(([roleid, r]) => ({ roleid, privs: [...r.privs].sort().join(','), special: r.special ? 1 : 0 })),
  },
  {
    method: 'POST',
    path: '/access/roles',
    schema: { roleid: { type: 'string', pattern: ROLEID_RE }, privs: { type: 'string', optional: true } },
    handler: ({ params, sim }) => {
      const roleid = strParam(params, 'roleid') ?? '';
      if (sim.access.roles.has(roleid)) throw dieError(`role '${roleid}' already exists`);
      if (/^PVE/i.test(roleid)) throw paramError({ roleid: `cannot use role ID starting with 'PVE'` });
      sim.access.roles.set(roleid, { privs: new Set(checkedPrivs(strParam(params, 'privs'))), special: false });
      return null;
    },
  },
  {
    method: 'GET',
    path: '/access/roles/{roleid}',
    handler: ({ params, sim }) => {
      const roleid = strParam(params, 'roleid') ?? '';
      const role = sim.access.roles.get(roleid);
      if (!role) throw dieError(`role '${roleid}' does not exist`);
      return Object.fromEntries([...role.privs].sort().map((p) => [p, 1]));
    },
  },
  {
    method: 'PUT',
    path: '/access/roles/{roleid}',
    schema: { privs: { type: 'string', optional: true }, append: { type: 'boolean', optional: true } },
    handler: ({ params, sim }) => {
      const roleid = strParam(params, 'roleid') ?? '';
      const role = sim.access.roles.get(roleid);
      if (!role) throw dieError(`role '${roleid}' does not exist`);
      if (role.special) throw dieError(`cannot modify built-in role '${roleid}'`);
      const privs = checkedPrivs(strParam(params, 'privs'));
      role.privs = new Set(boolParam(params, 'append') ? [...role.privs, ...privs] : privs);
      return null;
    },
  },
  {
    method: 'DELETE',
    path: '/access/roles/{roleid}',
    handler: ({ params, sim }) => {
      const roleid = strParam(params, 'roleid') ?? '';
      const role = sim.access.roles.get(roleid);
      if (!role) throw dieError(`role '${roleid}' does not exist`);
      if (role.special) throw dieError(`cannot delete built-in role '${roleid}'`);
      sim.access.roles.delete(roleid);
      sim.access.acl = sim.access.acl.filter((a) => a.roleid !== roleid);
      return null;
    },
  },
  {
    method: 'GET',
    path: '/access/acl',
    handler: ({ sim, auth }) =>
      sim.access.acl
        .filter((a) => sim.access.has(auth.fullUser, a.path, ['Permissions.Modify'], false))
        .map((a) => ({ path: a.path, type: a.type, ugid: a.ugid, roleid: a.roleid, propagate: a.propagate ? 1 : 0 })),
  },
  {
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
    handler: ({ params, sim }) => {
      const path = (strParam(params, 'path') ?? '').replace(/\/+$/, '') || '/';
      if (!ACL_PATH_RE.test(path)) throw paramError({ path: `invalid ACL path '${path}'` });
      if (strParam(params, 'groups')) throw paramError({ groups: 'groups are not modelled by pve-sim - grant ACLs to users or tokens' });
      const roles = list(strParam(params, 'roles'));
      for (const roleid of roles) if (!sim.access.roles.has(roleid)) throw dieError(`role '${roleid}' does not exist`);
      const users = list(strParam(params, 'users'));
      const tokens = list(strParam(params, 'tokens'));
      if (users.length === 0 && tokens.length === 0) throw dieError('either users, tokens or groups is required');
      for (const userid of users) requireUser(sim, userid);
      for (const id of tokens) {
        const [userid, tokenid] = id.split('!');
        if (!sim.access.users.get(userid)?.tokens.has(tokenid ?? '')) throw dieError(`no such token '${tokenid ?? ''}' for user '${userid}'`);
      }
      const propagate = params['propagate'] === undefined ? true : boolParam(params, 'propagate');
      const targets = [...users.map((ugid) => ({ ugid, type: 'user' as const })), ...tokens.map((ugid) => ({ ugid, type: 'token' as const }))];
      for (const { ugid, type } of targets) {
        for (const roleid of roles) {
          sim.access.acl = sim.access.acl.filter((a) => !(a.path === path && a.ugid === ugid && a.roleid === roleid));
          if (!boolParam(params, 'delete')) sim.access.acl.push({ path, type, ugid, roleid, propagate });
        }
      }
      return null;
    },
  },
  {
    method: 'GET',
    path: '/access/permissions',
    schema: { path: { type: 'string', optional: true }, userid: { type: 'string', optional: true } },
    handler: ({ params, sim, auth }) => {
      const userid = strParam(params, 'userid') ?? auth.fullUser;
      const own = userid === auth.fullUser || userid.startsWith(`${auth.user}!`);
      if (!own && !sim.access.has(auth.fullUser, '/access', ['Sys.Audit'], false)) throw dieError(`Permission check failed (/access, Sys.Audit)`);
      const path = strParam(params, 'path');
      const paths = path !== undefined ? [path] : [...new Set(['/', '/access', '/nodes', '/storage', '/vms', ...sim.access.acl.flatMap((a) => aclPathPrefixes(a.path))])].sort();
      return Object.fromEntries(paths.map((p) => [p, Object.fromEntries([...sim.access.privileges(userid, p)].sort().map((priv) => [priv, 1]))]));
    },
  },
];

function checkedPrivs(text: string | undefined): string[] {
  const privs = list(text);
  const unknown = privs.find((p) => !ALL_PRIVS.includes(p));
  if (unknown) throw paramError({ privs: `invalid privilege '${unknown}'` });
  return privs;
}
