import { DEFAULT_APP_POLICY, DHCP_NETWORK, type AppPolicyDto, type NetworkSettingsDto } from '@proxdeck/shared-contracts';
import { envSchema, type ProxdeckEnv } from './config.schema';

export interface PveSettings {
  url: string;
  tokenId?: string;
  tokenSecret?: string;
  username?: string;
  password?: string;
  verifyTls: boolean;
  storage?: string;
  templateStorage: string;
  /** Backup archives; undefined means the node's first storage with `backup` content. */
  backupStorage?: string;
  bridge: string;
  /** DHCP unless an admin set a static pool under Settings (no environment variable). */
  network: NetworkSettingsDto;
}

export interface ProxdeckConfig {
  env: ProxdeckEnv['NODE_ENV'];
  logLevel: ProxdeckEnv['LOG_LEVEL'];
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  http: { host: string; port: number; cookieSecure: boolean };
  secret: string;
  admin: { username?: string; password?: string };
  appsDomain?: string;
  /** PROXDECK_APPS_ON_LOOPBACK: the app proxy may forward to 127.x.y.z (simulated clusters only). */
  appsOnLoopback: boolean;
  dashboardDir?: string;
  catalogDirs: string[];
  bundledCatalogDir?: string;
  /**
   * The Proxmox connection and defaults in effect: from the environment at start, then kept in line
   * with what an admin saves under Settings (LiveSettings in server/database updates it in place).
   */
  pve: PveSettings;
  /** The policy of apps without their own (backups, update checks); Settings can change it. */
  defaultPolicy: AppPolicyDto;
  worker: {
    concurrency: number;
    /** WORKER_LOCK_MS: how soon the operation of a worker that died goes to another worker. */
    lockMs: number;
    reconcileIntervalMs: number;
    stopTimeoutSec: number;
    healthcheckIntervalMs: number;
    updateRollbackHours: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment once, at start-up. Fails fast with every problem listed,
 * each naming the variable, so a person can fix them all in one go.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): ProxdeckConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (!e.PVE_TOKEN_ID !== !e.PVE_TOKEN_SECRET) {
    problems.push('PVE_TOKEN_ID and PVE_TOKEN_SECRET: set both or neither');
  }
  if (!e.PVE_TOKEN_ID && !(e.PVE_USERNAME && e.PVE_PASSWORD)) {
    problems.push('PVE_TOKEN_ID/PVE_TOKEN_SECRET (preferred) or PVE_USERNAME/PVE_PASSWORD: one pair is required');
  }
  if (!e.PROXDECK_ADMIN_USER !== !e.PROXDECK_ADMIN_PASSWORD) {
    problems.push('PROXDECK_ADMIN_USER and PROXDECK_ADMIN_PASSWORD: set both or neither');
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.PROXDECK_REDIS_PREFIX,
    http: { host: e.HOST, port: e.PORT, cookieSecure: e.PROXDECK_COOKIE_SECURE },
    secret: e.PROXDECK_SECRET,
    admin: { username: e.PROXDECK_ADMIN_USER, password: e.PROXDECK_ADMIN_PASSWORD },
    appsDomain: e.PROXDECK_APPS_DOMAIN || undefined,
    appsOnLoopback: e.PROXDECK_APPS_ON_LOOPBACK,
    dashboardDir: e.PROXDECK_DASHBOARD_DIR || undefined,
    catalogDirs: (e.PROXDECK_CATALOG_DIRS ?? '').split(':').filter(Boolean),
    bundledCatalogDir: e.PROXDECK_BUNDLED_CATALOG_DIR || undefined,
    defaultPolicy: structuredClone(DEFAULT_APP_POLICY),
    pve: {
      url: e.PVE_URL.replace(/\/+$/, ''),
      tokenId: e.PVE_TOKEN_ID,
      tokenSecret: e.PVE_TOKEN_SECRET,
      username: e.PVE_USERNAME,
      password: e.PVE_PASSWORD,
      verifyTls: e.PVE_VERIFY_TLS,
      storage: e.PVE_STORAGE || undefined,
      templateStorage: e.PVE_TEMPLATE_STORAGE,
      backupStorage: e.PVE_BACKUP_STORAGE || undefined,
      bridge: e.PVE_BRIDGE,
      network: structuredClone(DHCP_NETWORK),
    },
    worker: {
      concurrency: e.WORKER_CONCURRENCY,
      lockMs: e.WORKER_LOCK_MS,
      reconcileIntervalMs: e.RECONCILE_INTERVAL_MS,
      stopTimeoutSec: e.STOP_TIMEOUT_SEC,
      healthcheckIntervalMs: e.HEALTHCHECK_INTERVAL_MS,
      updateRollbackHours: e.UPDATE_ROLLBACK_HOURS,
    },
  };
}
