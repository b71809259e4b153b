import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the reads need at 10 000 tenders (see test/bench/scale.ts, which prints the plans):
 * the tender read fetched shares by lot through a seq scan (the only index on `lot_id` was the
 * partial unique one, which a query without the status condition cannot use); lists order by
 * creation time and by deadline date.
 */
export class ReadIndexes1796300000000 implements MigrationInterface {
  name = 'ReadIndexes1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_shares_lot" ON "shares" ("lot_id")`);
    await queryRunner.query(
      `CREATE INDEX "ix_shares_organisation_tender" ON "shares" ("organisation_id", "tender_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_tenders_partnership_created" ON "tenders" ("partnership_id", "created_at")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_tenders_created" ON "tenders" ("created_at", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_tenders_created"`);
    await queryRunner.query(`DROP INDEX "ix_tenders_partnership_created"`);
    await queryRunner.query(`DROP INDEX "ix_shares_organisation_tender"`);
    await queryRunner.query(`DROP INDEX "ix_shares_lot"`);
  }
}
