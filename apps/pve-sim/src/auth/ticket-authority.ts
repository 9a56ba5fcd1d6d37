import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Ticket lifetime and grace period from pve-access-control `src/PVE/AccessControl.pm`. */
export const TICKET_LIFETIME_S = 2 * 3600;
export const AUTH_GRACE_PERIOD_S = 300;

const hex8 = (n: number): string => n.toString(16).toUpperCase().padStart(8, '0');

/**
 * Issues and checks tickets `PVE:<user>:<HEX>::<base64 sig>` and CSRF tokens `<HEX>:<base64 HMAC>`
 * (pve-common `src/PVE/Ticket.pm`). Real PVE signs tickets with RSA; an HMAC keeps the same shape
 * and the same accept/reject behaviour without a key pair.
 */
export class TicketAuthority {
  private key: Buffer;

  constructor(
    private readonly nowSeconds: () => number,
    key: Buffer = randomBytes(32),
  ) {
    this.key = key;
  }

  /** Invalidates every ticket and CSRF token issued so far (fault `ticket-expiry`). */
  rotateKey(): void {
    this.key = randomBytes(32);
  }

  issueTicket(user: string): string {
    const plain = `PVE:${encodeURIComponent(user).replace(/%40/g, '@').replace(/%21/g, '!')}:${hex8(this.nowSeconds())}`;
    return `${plain}::${this.sign(plain, 'base64')}`;
  }

  /** Returns the user of a valid, unexpired ticket (`-300 < age < 7200`). */
  verifyTicket(ticket: string): string | undefined {
    const m = /^(PVE:([^:]+):([0-9A-F]{8}))::(.+)$/.exec(ticket);
    if (!m) return undefined;
    if (!this.safeEqual(this.sign(m[1], 'base64'), m[4])) return undefined;
    if (!this.fresh(parseInt(m[3], 16))) return undefined;
    return decodeURIComponent(m[2]);
  }

  issueCsrf(user: string): string {
    const stamp = hex8(this.nowSeconds());
    return `${stamp}:${this.sign(`${stamp}:${user}`, 'base64').replace(/=+$/, '')}`;
  }

  verifyCsrf(token: string, user: string): boolean {
    const m = /^([0-9A-F]{8}):(\S+)$/.exec(token);
    if (!m) return false;
    const expected = this.sign(`${m[1]}:${user}`, 'base64').replace(/=+$/, '');
    return this.safeEqual(expected, m[2]) && this.fresh(parseInt(m[1], 16));
  }

  private fresh(stamp: number): boolean {
    const age = this.nowSeconds() - stamp;
    return age > -AUTH_GRACE_PERIOD_S && age < TICKET_LIFETIME_S;
  }

  private sign(text: string, encoding: 'base64'): string {
    return createHmac('sha256', this.key).update(text).digest(encoding);
  }

  private safeEqual(a: string, b: string): boolean {
    const ab = Buffer.from(a);
    const bb = Buffer.from(b);
    return ab.length === bb.length && timingSafeEqual(ab, bb);
  }
}
