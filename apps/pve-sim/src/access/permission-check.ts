import { dieError } from '../params/api-error';
import type { RawParams } from '../params/param-schema';
import { verifyUsername, type AccessControl } from './access-control';
import { normalizeAclPath } from './privileges';

/** What a check sees: who asks, the request's path and body/query parameters (unvalidated). */
export interface PermRequest {
  authUser: string;
  /** The user without a token part. */
  userid: string;
  params: RawParams;
  access: AccessControl;
}

/**
 * undefined = allowed; otherwise the text inside `Permission check failed (...)` ('' = none).
 * `noerr` is set inside `or` (`exec_api2_perm_check` with `$noerr`): a check that would die
 * (an unknown user) fails quietly there instead.
 */
export type PermCheck = (req: PermRequest, noerr?: boolean) => string | undefined;

const param = (req: PermRequest, name: string): string | undefined => {
  const v = req.params[name];
  return Array.isArray(v) ? v[0] : v;
};

/** `{vmid}` etc. in a path from the request parameters. */
function expand(path: string, req: PermRequest): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => param(req, name) ?? '');
}

/**
 * `['perm', path, privs, any => 1]` of `RPCEnvironment::check_api2_permissions`: all privs (or any
 * one with `any`) on the path. The failure names the path and the missing privilege (all of them
 * joined by `|` for `any`).
 */
export function perm(path: string, privs: readonly string[], any = false): PermCheck {
  return (req) => {
    const at = expand(path, req);
    if (req.access.has(req.authUser, at, privs, any)) return undefined;
    if (any) return `${at}, ${privs.join('|')}`;
    const mine = req.access.privileges(req.authUser, at);
    return `${at}, ${privs.find((p) => !mine.has(p)) ?? privs[0]}`;
  };
}

export function and(...checks: PermCheck[]): PermCheck {
  return (req) => {
    for (const check of checks) {
      const failure = check(req);
      if (failure !== undefined) return failure;
    }
    return undefined;
  };
}

/** Any one passing is enough; when none does, PVE names nothing. */
export function or(...checks: PermCheck[]): PermCheck {
  return (req) => (checks.some((check) => check(req, true) === undefined) ? undefined : '');
}

/** A check chosen from the request (e.g. a storage named in a property string). */
export function dynamic(choose: (req: PermRequest) => PermCheck): PermCheck {
  return (req) => choose(req)(req);
}

/**
 * `check_user_exist` (AccessControl.pm L670-681) as the `userid-*` checks use it: a bad or unknown
 * `userid` dies (500), or with `noerr` just fails.
 */
function userExists(req: PermRequest, noerr: boolean | undefined): boolean {
  const userid = param(req, 'userid') ?? '';
  const problem = verifyUsername(userid) ?? (req.access.users.has(userid) ? undefined : `no such user ('${userid}')`);
  if (problem === undefined) return true;
  if (noerr) return false;
  throw dieError(problem);
}

/**
 * `['userid-param', 'self']` (RPCEnvironment.pm L527-531): the path's `userid` is the caller
 * itself. PVE compares the authenticated id, which for an API token is `user@realm!tokenid`:
 * a token is never its own user here.
 */
export const selfUser: PermCheck = (req, noerr) => {
  if (!userExists(req, noerr)) return '';
  return param(req, 'userid') === req.authUser ? undefined : '';
};

/** `['userid-param', 'Realm.AllocateUser']` (RPCEnvironment.pm L524, L532-534): the privilege on the realm of `userid`. */
export const realmAllocateUser: PermCheck = (req, noerr) => {
  const userid = param(req, 'userid') ?? '';
  const problem = verifyUsername(userid);
  if (problem !== undefined) throw dieError(problem);
  return perm(`/access/realm/${userid.slice(userid.lastIndexOf('@') + 1)}`, ['Realm.AllocateUser'])(req, noerr);
};

/**
 * `['userid-group', privs, groups_param => ...]` (RPCEnvironment.pm L493-522): any of `privs` on
 * `/access/groups`; otherwise on a group of the user (the sim has no groups, so never). Without
 * it: with `groups_param` PVE names `/access/groups` (or the first given group), else nothing.
 * The user must exist unless `groups_param` is `create`.
 */
export function useridGroup(privs: readonly string[], groupsParam?: 'create' | 'update'): PermCheck {
  return (req, noerr) => {
    const checkExisting = groupsParam !== 'create';
    if (checkExisting && !userExists(req, noerr)) return '';
    if (req.access.has(req.authUser, '/access/groups', privs, true)) return undefined;
    if (groupsParam) {
      const [group] = (param(req, 'groups') ?? '').split(/[,;\s]+/).filter((g) => g !== '');
      return `${group === undefined ? '/access/groups' : `/access/groups/${group}`}, ${privs.join('|')}`;
    }
    return checkExisting ? '' : undefined;
  };
}

/**
 * `['perm-modify', '{path}']` (RPCEnvironment.pm L538-543, `check_perm_modify` L442-457): any of
 * `Permissions.Modify` and, below `/storage`, `/vms`, `/pool`, `Datastore.Allocate`,
 * `VM.Allocate`, `Pool.Allocate`. A path `normalize_path` refuses passes here (L542); the
 * handler refuses it.
 */
export const permModify: PermCheck = (req, noerr) => {
  const path = normalizeAclPath(param(req, 'path'));
  if (path === undefined) return undefined;
  return perm(path, permModifyPrivs(path), true)(req, noerr);
};

const permModifyPrivs = (path: string): string[] => {
  if (/^\/storage\/.+$/.test(path)) return ['Permissions.Modify', 'Datastore.Allocate'];
  if (/^\/vms\/.+$/.test(path)) return ['Permissions.Modify', 'VM.Allocate'];
  if (/^\/pool\/.+$/.test(path)) return ['Permissions.Modify', 'Pool.Allocate'];
  return ['Permissions.Modify'];
};

/** `check_perm_modify($user, $path, 1)` (RPCEnvironment.pm L442-457). */
export const mayModifyPermissions = (access: AccessControl, authUser: string, path: string): boolean => access.has(authUser, path, permModifyPrivs(path), true);

export const rootOnly: PermCheck = (req) => (req.userid === 'root@pam' && req.authUser === 'root@pam' ? undefined : '');

/** The 403 message PVE sends (`raise_perm_exc`). */
export function permissionMessage(detail: string): string {
  return detail === '' ? 'Permission check failed' : `Permission check failed (${detail})`;
}
