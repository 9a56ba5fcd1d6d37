import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';

export interface HeldAppLock {
  release(): Promise<void>;
}

/**
 * A Postgres session advisory lock per app, held on its own connection for the whole operation:
 * two workers can never act on one container, and a worker that dies drops its connection and
 * with it the lock. A worker whose whole machine vanished closes nothing, so the lock's
 * connection asks the server to probe it: the lock is freed about a minute after the host is gone
 * instead of after the operating system's default of hours.
 */
const KEEPALIVE = ['SET tcp_keepalives_idle = 30', 'SET tcp_keepalives_interval = 10', 'SET tcp_keepalives_count = 3'];
@Injectable()
export class AppLock {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async tryAcquire(appId: string): Promise<HeldAppLock | null> {
    const runner: QueryRunner = this.db.createQueryRunner();
    await runner.connect();
    for (const setting of KEEPALIVE) await runner.query(setting);
    const rows = (await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`app:${appId}`])) as { locked: boolean }[];
    if (!rows[0]?.locked) {
      await runner.release();
      return null;
    }
    return {
      release: async () => {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`app:${appId}`]).catch(() => undefined);
        await runner.release();
      },
    };
  }
}
