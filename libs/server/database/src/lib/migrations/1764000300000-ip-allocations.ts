import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Addresses of the static pool held by apps; freed with the app row. */
export class IpAllocations1764000300000 implements MigrationInterface {
  name = 'IpAllocations1764000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ip_allocations (
      ip varchar(15) PRIMARY KEY,
      app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX ip_allocations_app_id_idx ON ip_allocations (app_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ip_allocations`);
  }
}
