import type { ProxdeckConfig } from '@proxdeck/server-config';

/** What the gateway is built from: the validated config plus knobs tests turn (never read from env). */
export interface GatewayOptions {
  config: ProxdeckConfig;
  /** bcrypt cost of stored password hashes (default 12; tests use 4). */
  passwordHashCost?: number;
  /** Login attempts per IP and window (default 10 per minute). */
  loginRateLimit?: { limit: number; ttlMs: number };
  /** Per-request Proxmox timeout (default 10 s). */
  pveRequestTimeoutMs?: number;
  /** How often an open event stream sends a heartbeat and checks its credential again (default SSE_HEARTBEAT_MS). */
  eventStreamRecheckMs?: number;
}

export const GATEWAY_OPTIONS = Symbol('GATEWAY_OPTIONS');
