import { ALL_PRIVS, BUILTIN_ROLES, aclPathPrefixes } from './privileges';

export interface TokenEntry {
  tokenid: string;
  secret: string;
  /** Privilege separation (default 1): the token gets only ACLs granted to the token itself. */
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

/**
 * Users, API tokens, roles and ACLs (`/etc/pve/user.cfg`), and the privilege computation of
 * `PVE::AccessControl::roles` / `RPCEnvironment::permissions`: per path prefix, a user's (or
 * token's) ACL entries replace the inherited ones (ancestors only with `propagate`), `NoAccess`
 * wins, `root@pam` has everything. A privsep token gets its own ACLs intersected with its user's.
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
    const [userid, tokenid] = authUser.split('!');
    if (userid === ROOT) return new Set(ALL_PRIVS);
    const userPrivs = this.privilegesOf(userid, path);
    if (tokenid === undefined) return userPrivs;
    const token = this.users.get(userid)?.tokens.get(tokenid);
    if (!token) return new Set();
    if (!token.privsep) return userPrivs;
    const own = this.privilegesOf(authUser, path);
    return new Set([...own].filter((p) => userPrivs.has(p)));
  }

  has(authUser: string, path: string, privs: readonly string[], any: boolean): boolean {
    const mine = this.privileges(authUser, path);
    return any ? privs.some((p) => mine.has(p)) : privs.every((p) => mine.has(p));
  }

  /** Removes a user's or token's ACL entries (on delete). */
  dropAcl(ugid: string): void {
    this.acl = this.acl.filter((a) => a.ugid !== ugid && !a.ugid.startsWith(`${ugid}!`));
  }

  private privilegesOf(ugid: string, path: string): Set<string> {
    const prefixes = aclPathPrefixes(path);
    let roles: string[] = [];
    for (const prefix of prefixes) {
      const final = prefix === prefixes[prefixes.length - 1];
      const here = this.acl.filter((a) => a.path === prefix && a.ugid === ugid && (final || a.propagate)).map((a) => a.roleid);
      if (here.length > 0) roles = here;
    }
    if (roles.includes('NoAccess')) return new Set();
    return new Set(roles.flatMap((r) => [...(this.roles.get(r)?.privs ?? [])]));
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
