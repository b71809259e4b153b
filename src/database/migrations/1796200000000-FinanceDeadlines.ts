import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A payment's deadline names the partner whose finance it states, so the deadline list, the
 * history and the calendar feed show it only to those who see that partner's finance.
 */
export class FinanceDeadlines1796200000000 implements MigrationInterface {
  name = 'FinanceDeadlines1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "deadlines" ADD "finance_organisation_id" uuid`);
    await queryRunner.query(
      `UPDATE "deadlines" d SET "finance_organisation_id" = p."organisation_id"
         FROM "payments" p WHERE d."subject_type" = 'payment' AND d."subject_id" = p."id"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "deadlines" DROP COLUMN "finance_organisation_id"`);
  }
}
