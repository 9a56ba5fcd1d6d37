import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every environment variable Proxdeck reads. README "Configuration" documents each one. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/proxdeck'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Namespaces Redis keys and queues so several installs (or test runs) can share one Redis. */
  PROXDECK_REDIS_PREFIX: z.string().regex(/^[a-z0-9:_-]+$/).default('proxdeck'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Signs tokens and encrypts secrets at rest. Keep it stable: changing it logs everyone out. */
  PROXDECK_SECRET: z.string().min(32, 'must be at least 32 characters (generate one with `openssl rand -hex 32`)'),
  PROXDECK_ADMIN_USER: z.string().min(1).optional(),
  PROXDECK_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  PROXDECK_APPS_DOMAIN: z.string().optional(),
  PROXDECK_DASHBOARD_DIR: z.string().optional(),
  PROXDECK_CATALOG_DIRS: z.string().optional(),
  PROXDECK_BUNDLED_CATALOG_DIR: z.string().optional(),
  PROXDECK_COOKIE_SECURE: bool.default(false),
  /** Lets the app proxy reach apps on 127.x.y.z: pve-sim's containers live there. Never with a real cluster. */
  PROXDECK_APPS_ON_LOOPBACK: bool.default(false),
  PVE_URL: z.string().url().default('https://127.0.0.1:8006'),
  PVE_TOKEN_ID: z.string().regex(/^[^@\s]+@[^!\s]+![A-Za-z0-9_.-]+$/, 'must look like user@realm!tokenname').optional(),
  PVE_TOKEN_SECRET: z.string().min(1).optional(),
  PVE_USERNAME: z.string().optional(),
  PVE_PASSWORD: z.string().optional(),
  PVE_VERIFY_TLS: bool.default(true),
  /** Storage for container root disks and data volumes; empty = the first one with `rootdir` content. */
  PVE_STORAGE: z.string().optional(),
  /** Storage for OCI images and templates (`vztmpl` content). */
  PVE_TEMPLATE_STORAGE: z.string().default('local'),
  /** Where vzdump writes archives; default: the node's first enabled storage with `backup` content. */
  PVE_BACKUP_STORAGE: z.string().optional(),
  PVE_BRIDGE: z.string().default('vmbr0'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  /**
   * How long a worker's claim on a running operation lasts unless renewed (BullMQ lockDuration, and
   * the interval of its check for stalled jobs): the operation of a worker that died is taken up by
   * another worker within about three times this.
   */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  // 0 turns the reconcile loop off (unit and integration tests that drive it by hand).
  RECONCILE_INTERVAL_MS: z.coerce.number().int().refine((v) => v === 0 || v >= 1000, 'must be 0 (off) or at least 1000').default(10_000),
  /** Graceful shutdown time before a hard stop (Proxmox `shutdown` timeout). */
  STOP_TIMEOUT_SEC: z.coerce.number().int().min(1).max(3600).default(30),
  /** Multiplies every health-check deadline; tests against a slow machine may raise it. */
  /** How long the old container is kept after an update, for one-click rollback. */
  UPDATE_ROLLBACK_HOURS: z.coerce.number().int().min(0).max(24 * 90).default(24),
  HEALTHCHECK_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
});

export type ProxdeckEnv = z.infer<typeof envSchema>;
