import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Settings1764000200000 implements MigrationInterface {
  name = 'Settings1764000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE settings (
      id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      values jsonb NOT NULL DEFAULT '{}',
      secrets_encrypted text,
      updated_by varchar(64),
      updated_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS settings`);
  }
}
