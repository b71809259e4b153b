import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * While Redis is down the login limiter counts the window's failed logins from the audit trail;
 * this partial index keeps that count to the recent failures only.
 */
export class LoginFailuresIndex1796200001000 implements MigrationInterface {
  name = 'LoginFailuresIndex1796200001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_audit_login_failed" ON "audit_events" ("occurred_at") WHERE action = 'auth.login_failed'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_audit_login_failed"`);
  }
}
