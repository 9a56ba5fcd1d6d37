import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username varchar(64) NOT NULL UNIQUE,
      password_hash varchar(255) NOT NULL,
      role varchar(16) NOT NULL CHECK (role IN ('admin','operator','viewer')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE refresh_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      secret_hash varchar(128) NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX refresh_sessions_user_id ON refresh_sessions (user_id)`);
    await q.query(`CREATE TABLE apps (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(128) NOT NULL,
      catalog_id varchar(64) NOT NULL,
      version varchar(128) NOT NULL,
      runtime varchar(16) NOT NULL,
      hostname varchar(63) NOT NULL UNIQUE,
      node varchar(64),
      vmid int UNIQUE,
      ip varchar(64),
      status varchar(16) NOT NULL,
      status_reason text,
      cores int NOT NULL,
      memory_mb int NOT NULL,
      disk_gb int NOT NULL,
      inputs jsonb NOT NULL DEFAULT '{}',
      secrets_encrypted text,
      http_port int,
      has_run boolean NOT NULL DEFAULT false,
      active_operation_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE operations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      type varchar(32) NOT NULL,
      state varchar(16) NOT NULL,
      app_id uuid,
      app_hostname varchar(63) NOT NULL,
      progress int NOT NULL DEFAULT 0,
      steps jsonb NOT NULL DEFAULT '[]',
      error text,
      requested_by varchar(64) NOT NULL,
      upids jsonb NOT NULL DEFAULT '[]',
      context jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz)`);
    await q.query(`CREATE INDEX operations_state ON operations (state)`);
    await q.query(`CREATE INDEX operations_app_id ON operations (app_id)`);
    await q.query(`CREATE INDEX operations_created_at ON operations (created_at)`);
    // The database itself refuses two unfinished operations on one app (ARCHITECTURE.md: one at a time).
    await q.query(`CREATE UNIQUE INDEX operations_one_active_per_app ON operations (app_id) WHERE state IN ('queued','running')`);
    await q.query(`CREATE TABLE operation_logs (
      id bigserial PRIMARY KEY,
      operation_id uuid NOT NULL REFERENCES operations(id) ON DELETE CASCADE,
      at timestamptz NOT NULL,
      level varchar(8) NOT NULL,
      message text NOT NULL)`);
    await q.query(`CREATE INDEX operation_logs_operation_id ON operation_logs (operation_id)`);
    await q.query(`CREATE TABLE audit_events (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor varchar(64) NOT NULL,
      action varchar(64) NOT NULL,
      target varchar(128),
      details jsonb NOT NULL DEFAULT '{}')`);
    await q.query(`CREATE INDEX audit_events_at ON audit_events (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_events', 'operation_logs', 'operations', 'apps', 'refresh_sessions', 'users']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
