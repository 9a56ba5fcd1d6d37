import type { Server } from 'node:http';

/**
 * The gateway's HTTP server timeouts, chosen on purpose (docs/OPERATIONS.md, "Behind a reverse
 * proxy"). Node's defaults close an idle keep-alive connection after 5 s, so a client or a reverse
 * proxy reusing one at that moment gets a reset (ECONNRESET, a 502 from nginx or Traefik). The
 * server must keep idle connections open longer than any upstream keeps them: nginx and AWS
 * load balancers 60 s, Traefik 90 s.
 */
export const HTTP_TIMEOUTS = {
  /** Idle keep-alive connections stay open this long: above every common proxy's idle timeout. */
  keepAliveTimeoutMs: 120_000,
  /** Must exceed keepAliveTimeout, or Node may end a reused connection while its headers arrive. */
  headersTimeoutMs: 125_000,
  /** A whole request (an upload through the app proxy included) must arrive within this. */
  requestTimeoutMs: 3_600_000,
} as const;

export function applyHttpTimeouts(server: Server): void {
  server.keepAliveTimeout = HTTP_TIMEOUTS.keepAliveTimeoutMs;
  server.headersTimeout = HTTP_TIMEOUTS.headersTimeoutMs;
  server.requestTimeout = HTTP_TIMEOUTS.requestTimeoutMs;
}
