import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When a user's password last changed: access tokens issued before it no longer count. */
export class CredentialsChanged1764000400000 implements MigrationInterface {
  name = 'CredentialsChanged1764000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN credentials_changed_at timestamptz NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS credentials_changed_at`);
  }
}
