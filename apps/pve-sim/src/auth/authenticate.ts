import type { IncomingHttpHeaders } from 'node:http';
import { AUTH_FAILED_TEXT } from '../sim-options';
import type { TicketAuthority } from './ticket-authority';

/** Who is calling. `fullUser` goes into UPIDs (`root@pam!proxdeck` for tokens). */
export interface AuthInfo {
  user: string;
  tokenid?: string;
  fullUser: string;
  viaToken: boolean;
}

/** Checks `user@realm!tokenid` + secret; `reason` is PVE's own text for a failure. */
export type TokenVerifier = (id: string, secret: string) => { ok: true; user: string; tokenid: string } | { ok: false; reason: string };

export type AuthOutcome = { ok: true; auth: AuthInfo } | { ok: false; statusText: string };

/** `Formatter.pm` `extract_auth_value`: `(?:^|\s)NAME(?:=| )([^;]*)`, then uri_unescape. */
export function extractAuthValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  const m = new RegExp(`(?:^|\\s)${name}(?:=| )([^;]*)`).exec(header);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

export interface AuthSettings {
  tickets: TicketAuthority;
  verifyToken: TokenVerifier;
  /** `permission denied - invalid PVE ticket` (PVE <= 9.1.4) or `Authentication failed!` (>= 9.1.5). */
  invalidTicketText: string;
  /** Why a ticket's user may no longer authenticate (deleted, disabled, expired), if so. */
  userProblem?: (userid: string) => string | undefined;
}

/**
 * The auth layer of `PVE/HTTPServer.pm` `auth_handler`: ticket (cookie or `Authorization:
 * PVEAuthCookie=`) with CSRF on every non-GET, else an API token.
 */
export function authenticate(headers: IncomingHttpHeaders, method: string, s: AuthSettings): AuthOutcome {
  const authorization = typeof headers.authorization === 'string' ? headers.authorization : undefined;
  const cookie = typeof headers.cookie === 'string' ? headers.cookie : undefined;
  // Empty values count as none (HTTPServer.pm: `if (!$ticket)`, `if ($api_token)` are truth tests).
  const ticket = extractAuthValue(cookie, 'PVEAuthCookie') || extractAuthValue(authorization, 'PVEAuthCookie') || undefined;
  const unified = s.invalidTicketText === AUTH_FAILED_TEXT;
  if (ticket !== undefined) {
    const user = s.tickets.verifyTicket(ticket);
    if (!user) return { ok: false, statusText: s.invalidTicketText };
    // pve-manager PVE/HTTPServer.pm L93-104: check_user_enabled after verify_ticket.
    const problem = s.userProblem?.(user);
    if (problem) return { ok: false, statusText: unified ? AUTH_FAILED_TEXT : problem };
    if (method !== 'GET') {
      const csrf = headers['csrfpreventiontoken'];
      if (typeof csrf !== 'string' || !s.tickets.verifyCsrf(csrf, user)) {
        return { ok: false, statusText: 'Permission denied - invalid csrf token' };
      }
    }
    return { ok: true, auth: { user, fullUser: user, viaToken: false } };
  }
  const token = extractAuthValue(authorization, 'PVEAPIToken') || undefined;
  if (token !== undefined) {
    const failure = (text: string): AuthOutcome => ({ ok: false, statusText: unified ? AUTH_FAILED_TEXT : text });
    // AccessControl.pm L497: `no tokenid specified` without `=`.
    const m = /^(.*)=(.*)$/.exec(token);
    if (!m) return failure('no tokenid specified');
    const [, id, secret] = m;
    const checked = s.verifyToken(id, secret);
    if (!checked.ok) return failure(checked.reason);
    return { ok: true, auth: { user: checked.user, tokenid: checked.tokenid, fullUser: id, viaToken: true } };
  }
  return { ok: false, statusText: 'No ticket' };
}
