import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Polish name of every CPV code of a tender, as the leader's officer gives it (code → name):
 * the agreement and the protocol print "kod – polska nazwa"; the English CPV list stays for the
 * code search only. Tenders created before have none until the officer gives them.
 */
export class CpvPolishNames1796810000000 implements MigrationInterface {
  name = 'CpvPolishNames1796810000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "tenders" ADD "cpv_names_pl" jsonb NOT NULL DEFAULT '{}'::jsonb`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenders" ADD CONSTRAINT "ck_tenders_cpv_names_pl_object"
         CHECK (jsonb_typeof("cpv_names_pl") = 'object')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "tenders" DROP CONSTRAINT "ck_tenders_cpv_names_pl_object"`,
    );
    await queryRunner.query(`ALTER TABLE "tenders" DROP COLUMN "cpv_names_pl"`);
  }
}
