import { ALL_PRIVS, BUILTIN_ROLES, aclPathPrefixes } from './privileges';

export interface TokenEntry {
  tokenid: string;
  secret: string;
  /** Privilege separation (default 1): the token's own ACLs, capped by its user's privileges. */
  privsep: boolean;
  /** Epoch seconds, 0 = never. */
  expire: number;
  comment?: string;
}

export interface UserEntry {
  userid: string;
  enable: boolean;
  expire: number;
  firstname?: string;
  lastname?: string;
  email?: string;
  comment?: string;
  /** Old-style TFA key ids (`keys`), kept as given. */
  keys?: string;
  /** `@pve` users log in with it; `@pam` users other than root cannot log in (no PAM here). */
  password?: string;
  tokens: Map<string, TokenEntry>;
}

export interface AclEntry {
  path: string;
  type: 'user' | 'token';
  /** `user@realm` or `user@realm!tokenid` */
  ugid: string;
  roleid: string;
  propagate: boolean;
}

export type TokenCheck = { ok: true; user: string; tokenid: string } | { ok: false; reason: string };

export const ROOT = 'root@pam';

/** `user@realm` (pve-access-control src/PVE/Auth/Plugin.pm `$user_regex`, `$realm_regex` L34-35). */
export const USERID_RE = /^[^\s:/]+@[A-Za-z][A-Za-z0-9.\-_]+$/;

/** `verify_username` (Plugin.pm L121-146): why `userid` is not a user name, or undefined. */
export function verifyUsername(userid: string): string | undefined {
  if (userid.length < 3) return `user name '${userid}' is too short`;
  if (userid.length > 64) return `user name '${userid}' is too long (${userid.length} > 64)`;
  return USERID_RE.test(userid) ? undefined : `value '${userid}' does not look like a valid user name`;
}

/**
 * Users, API tokens, roles and ACLs (`/etc/pve/user.cfg`), and the privilege computation of
 * `PVE::AccessControl::roles` / `RPCEnvironment::permissions`: per path prefix, a user's (or
 * token's) ACL entries replace the inherited ones (ancestors only with `propagate`), `NoAccess`
 * wins, `root@pam` has everything. A privsep token gets its own ACLs intersected with its user's
 * (a privsep token of root@pam: its own ACLs only).
 */
export class AccessControl {
  readonly users = new Map<string, UserEntry>();
  readonly roles = new Map<string, { privs: Set<string>; special: boolean }>();
  acl: AclEntry[] = [];

  constructor(private readonly root: { password: () => string; tokenId: string; tokenSecret: () => string }) {
    this.reset();
  }

  /** Back to a fresh install: root@pam with its token, the built-in roles, no ACLs. */
  reset(): void {
    this.users.clear();
    this.roles.clear();
    this.acl = [];
    for (const [roleid, privs] of Object.entries(BUILTIN_ROLES)) this.roles.set(roleid, { privs: new Set(privs), special: true });
    const rootTokenId = this.root.tokenId.split('!')[1];
    this.users.set(ROOT, { userid: ROOT, enable: true, expire: 0, comment: 'root', tokens: new Map([[rootTokenId, { tokenid: rootTokenId, secret: '', privsep: false, expire: 0 }]]) });
  }

  /** Password check for a ticket login; any failure is the same generic one. */
  verifyPassword(userid: string, password: string, nowSeconds: number): boolean {
    const user = this.users.get(userid);
    if (!user || !this.active(user, nowSeconds)) return false;
    if (userid === ROOT) return password === this.root.password();
    return user.password !== undefined && password === user.password;
  }

  /**
   * `verify_token` (pve-access-control src/PVE/AccessControl.pm L494-515): the texts PVE <= 9.1.4
   * puts in the 401 reason phrase; the user is checked before the token (L503-504).
   */
  verifyToken(id: string, secret: string, nowSeconds: number): TokenCheck {
    const m = /^(.+@[^!]+)!(.+)$/.exec(id);
    if (!m) return { ok: false, reason: `'${id}' is not a valid token ID - not able to split into user and token parts` };
    const [, userid, tokenid] = m;
    const user = this.users.get(userid);
    const inactive = this.userProblem(userid, nowSeconds);
    if (!user || inactive) return { ok: false, reason: inactive ?? `no such user ('${userid}')` };
    const token = user.tokens.get(tokenid);
    if (!token) return { ok: false, reason: `no such token '${tokenid}' for user '${userid}'` };
    if (token.expire && token.expire < nowSeconds) return { ok: false, reason: `token '${tokenid}' access expired` };
    const expected = userid === ROOT && id === this.root.tokenId ? this.root.tokenSecret() : token.secret;
    if (secret !== expected) return { ok: false, reason: 'invalid token value!' };
    return { ok: true, user: userid, tokenid };
  }

  /** The privileges `authUser` (`user@realm` or `user@realm!token`) has on `path`. */
  privileges(authUser: string, path: string): Set<string> {
    return new Set(this.permissions(authUser, path).keys());
  }

  /**
   * `RPCEnvironment::permissions` (pve-access-control src/PVE/RPCEnvironment.pm L136-176): each
   * privilege on `path` with its propagate flag (1/0). root@pam has everything (L139-142); a token
   * without privsep has its user's (L150-161); a privsep token its own ACLs intersected with its
   * user's, flags and-ed (L99-108), except a token of root@pam: only its own ACLs (L100).
   */
  permissions(authUser: string, path: string): Map<string, number> {
    if (authUser === ROOT) return new Map(ALL_PRIVS.map((p) => [p, 1]));
    const bang = authUser.indexOf('!');
    if (bang < 0) return this.compile(authUser, path);
    const userid = authUser.slice(0, bang);
    const token = this.users.get(userid)?.tokens.get(authUser.slice(bang + 1));
    if (!token) return new Map();
    const userPerms = this.permissions(userid, path);
    if (!token.privsep) return userPerms;
    const own = this.compile(authUser, path);
    if (userid === ROOT) return own;
    return new Map([...own].filter(([p]) => userPerms.has(p)).map(([p, flag]) => [p, (userPerms.get(p) ?? 0) && flag]));
  }

  has(authUser: string, path: string, privs: readonly string[], any: boolean): boolean {
    const mine = this.privileges(authUser, path);
    return any ? privs.some((p) => mine.has(p)) : privs.every((p) => mine.has(p));
  }

  /** Removes a user's or token's ACL entries (on delete). */
  dropAcl(ugid: string): void {
    this.acl = this.acl.filter((a) => a.ugid !== ugid && !a.ugid.startsWith(`${ugid}!`));
  }

  /** `$compile_acl_path` (RPCEnvironment.pm L86-97): a privilege propagates if any role holding it does. */
  private compile(ugid: string, path: string): Map<string, number> {
    const privs = new Map<string, number>();
    for (const [roleid, flag] of this.rolesOn(ugid, path)) {
      for (const p of this.roles.get(roleid)?.privs ?? []) privs.set(p, privs.get(p) || flag);
    }
    return privs;
  }

  /**
   * `PVE::AccessControl::roles` (AccessControl.pm L1788-1896): walking from `/` to `path`, the
   * entries of `ugid` at a level replace what came before (above the last level only those with
   * `propagate`); `NoAccess` alone when it is among them. Role id -> propagate flag.
   */
  private rolesOn(ugid: string, path: string): Map<string, number> {
    const prefixes = aclPathPrefixes(path);
    let roles = new Map<string, number>();
    for (const prefix of prefixes) {
      const final = prefix === prefixes[prefixes.length - 1];
      const here = this.acl.filter((a) => a.path === prefix && a.ugid === ugid && (final || a.propagate));
      if (here.length > 0) roles = new Map(here.map((a) => [a.roleid, a.propagate ? 1 : 0]));
    }
    const noAccess = roles.get('NoAccess');
    return noAccess === undefined ? roles : new Map([['NoAccess', noAccess]]);
  }

  /**
   * `check_user_enabled` (AccessControl.pm L672-700): why a user may not authenticate
   * (`no such user`, disabled, expired), or undefined when it may.
   */
  userProblem(userid: string, nowSeconds: number): string | undefined {
    const user = this.users.get(userid);
    if (!user) return `no such user ('${userid}')`;
    if (!user.enable) return `user '${userid}' is disabled`;
    if (user.expire && user.expire <= nowSeconds) return `user '${userid}' access expired`;
    return undefined;
  }

  private active(user: UserEntry, nowSeconds: number): boolean {
    return user.enable && (!user.expire || user.expire > nowSeconds);
  }
}

/**
 * `iterate_acl_tree` (AccessControl.pm L966-979) order for `GET /access/acl`: a path before the
 * paths below it, siblings by name; at a path users before tokens (ACL.pm L82). PVE lists ids
 * and roles of one path in hash order; the sim sorts them.
 */
export function aclTreeOrder(acl: readonly AclEntry[]): AclEntry[] {
  const parts = (path: string): string[] => path.split('/').filter((p) => p !== '');
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...acl].sort((a, b) => {
    const pa = parts(a.path);
    const pb = parts(b.path);
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return cmp(pa[i], pb[i]);
    return pa.length - pb.length || cmp(a.type === 'user' ? '0' : '1', b.type === 'user' ? '0' : '1') || cmp(a.ugid, b.ugid) || cmp(a.roleid, b.roleid);
  });
}
