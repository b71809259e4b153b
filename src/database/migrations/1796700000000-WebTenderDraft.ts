import { MigrationInterface, QueryRunner } from 'typeorm';

/** The officer's "Nowe postępowanie" draft, kept with the web session between the wizard's steps. */
export class WebTenderDraft1796700000000 implements MigrationInterface {
  name = 'WebTenderDraft1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "web_sessions" ADD "tender_draft" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "web_sessions" DROP COLUMN "tender_draft"`);
  }
}
