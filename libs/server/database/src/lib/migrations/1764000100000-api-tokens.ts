import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiTokens1764000100000 implements MigrationInterface {
  name = 'ApiTokens1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name varchar(64) NOT NULL,
      role varchar(16) NOT NULL CHECK (role IN ('admin','operator','viewer')),
      secret_hash varchar(64) NOT NULL,
      expires_at timestamptz,
      last_used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX api_tokens_user_id ON api_tokens (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS api_tokens`);
  }
}
