import type { RawParams } from '../params/param-schema';
import type { AccessControl } from './access-control';

/** What a check sees: who asks, the request's path and body/query parameters (unvalidated). */
export interface PermRequest {
  authUser: string;
  /** The user without a token part. */
  userid: string;
  params: RawParams;
  access: AccessControl;
}

/** undefined = allowed; otherwise the text inside `Permission check failed (...)` ('' = none). */
export type PermCheck = (req: PermRequest) => string | undefined;

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
  return (req) => (checks.some((check) => check(req) === undefined) ? undefined : '');
}

/** A check chosen from the request (e.g. a storage named in a property string). */
export function dynamic(choose: (req: PermRequest) => PermCheck): PermCheck {
  return (req) => choose(req)(req);
}

/** `['userid-param', 'self']`: the path's `userid` is the caller (a token's own user included). */
export const selfUser: PermCheck = (req) => (param(req, 'userid') === req.userid ? undefined : '');

export const rootOnly: PermCheck = (req) => (req.userid === 'root@pam' && req.authUser === 'root@pam' ? undefined : '');

/** The 403 message PVE sends (`raise_perm_exc`). */
export function permissionMessage(detail: string): string {
  return detail === '' ? 'Permission check failed' : `Permission check failed (${detail})`;
}
