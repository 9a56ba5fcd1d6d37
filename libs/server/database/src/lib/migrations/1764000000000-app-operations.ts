import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 4: clone, configure, backups with policies, restore, updates with rollback, adoption; AUTO/PRO. */
export class AppOperations1764000000000 implements MigrationInterface {
  name = 'AppOperations1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN mode varchar(8) NOT NULL DEFAULT 'auto' CHECK (mode IN ('auto','pro'))`);
    await q.query(`ALTER TABLE apps
      ADD COLUMN env_overrides jsonb NOT NULL DEFAULT '{}',
      ADD COLUMN pending_changes jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN previous_vmid int UNIQUE,
      ADD COLUMN previous_version varchar(128),
      ADD COLUMN previous_keep_until timestamptz,
      ADD COLUMN latest_version varchar(128),
      ADD COLUMN update_checked_at timestamptz,
      ADD COLUMN adopted boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE operations ADD COLUMN params jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE TABLE backups (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      app_id uuid,
      app_hostname varchar(63) NOT NULL,
      catalog_id varchar(64) NOT NULL,
      app_version varchar(128) NOT NULL,
      node varchar(64) NOT NULL,
      storage varchar(64) NOT NULL,
      volid varchar(255) NOT NULL UNIQUE,
      size_bytes bigint NOT NULL DEFAULT 0,
      kind varchar(16) NOT NULL CHECK (kind IN ('manual','scheduled','pre-update')),
      protected boolean NOT NULL DEFAULT false,
      notes text NOT NULL DEFAULT '',
      operation_id uuid,
      app_settings jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX backups_app_id ON backups (app_id)`);
    await q.query(`CREATE INDEX backups_created_at ON backups (created_at)`);
    await q.query(`CREATE TABLE app_policies (
      app_id uuid PRIMARY KEY REFERENCES apps(id) ON DELETE CASCADE,
      backup_schedule varchar(128),
      timezone varchar(64) NOT NULL DEFAULT 'UTC',
      keep_last int NOT NULL DEFAULT 0,
      keep_daily int NOT NULL DEFAULT 0,
      keep_weekly int NOT NULL DEFAULT 0,
      keep_monthly int NOT NULL DEFAULT 0,
      update_check boolean NOT NULL DEFAULT true,
      update_auto_apply boolean NOT NULL DEFAULT false,
      updated_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS app_policies`);
    await q.query(`DROP TABLE IF EXISTS backups`);
    await q.query(`ALTER TABLE operations DROP COLUMN params`);
    await q.query(`ALTER TABLE apps DROP COLUMN env_overrides, DROP COLUMN pending_changes, DROP COLUMN previous_vmid,
      DROP COLUMN previous_version, DROP COLUMN previous_keep_until, DROP COLUMN latest_version, DROP COLUMN update_checked_at, DROP COLUMN adopted`);
    await q.query(`ALTER TABLE users DROP COLUMN mode`);
  }
}
