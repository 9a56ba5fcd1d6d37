import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PVE_READER, type PveReader } from '../infra/pve-reader';
import { RedisResources, withTimeout } from '../infra/redis-resources';

export type DependencyName = 'postgres' | 'redis' | 'proxmox';

export interface ReadinessReport {
  status: 'ready' | 'unavailable';
  checks: Record<DependencyName, { ok: boolean; error?: string }>;
}

const CHECK_TIMEOUT_MS = 3000;

/** What /readyz reports: every dependency the gateway needs to serve, checked in parallel. */
@Injectable()
export class ReadinessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisResources,
    @Inject(PVE_READER) private readonly pve: PveReader,
  ) {}

  async check(): Promise<ReadinessReport> {
    const [postgres, redis, proxmox] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1'), 'PostgreSQL'),
      probe(() => this.redis.ping(CHECK_TIMEOUT_MS), 'Redis'),
      probe(() => this.pve.version(), 'Proxmox'),
    ]);
    const checks = { postgres, redis, proxmox };
    return { status: Object.values(checks).every((c) => c.ok) ? 'ready' : 'unavailable', checks };
  }
}

const logger = new Logger('Readiness');

/**
 * /readyz is public (orchestrators probe it without credentials): it says which dependency is
 * down, never the error itself, which names internal addresses (the Proxmox URL, the database
 * host). The cause goes to the log.
 */
async function probe(run: () => Promise<unknown>, what: string): Promise<{ ok: boolean; error?: string }> {
  try {
    await withTimeout(run(), CHECK_TIMEOUT_MS, `${what} did not answer`);
    return { ok: true };
  } catch (e) {
    logger.warn(`${what} is not ready: ${e instanceof Error ? e.message : String(e)}`);
    return { ok: false, error: `${what} is unreachable or refused the request; the gateway's log says why` };
  }
}
