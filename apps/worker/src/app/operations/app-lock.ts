import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';

export interface HeldAppLock {
  release(): Promise<void>;
}

/**
 * A Postgres session advisory lock per app, held on its own connection for the whole operation:
 * two workers can never act on one container, and a worker that dies drops its connection and
 * with it the lock.
 */
@Injectable()
export class AppLock {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async tryAcquire(appId: string): Promise<HeldAppLock | null> {
    const runner: QueryRunner = this.db.createQueryRunner();
    await runner.connect();
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
