import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who set a share's current amount: the leader's officer (the partner may then only ask for a
 * change) or the partner itself (its coordinator may still adjust its own declaration). Shares of
 * earlier versions count as set by the leader.
 */
export class ShareAmountSetBy1796500000000 implements MigrationInterface {
  name = 'ShareAmountSetBy1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "shares" ADD "amount_set_by_organisation_id" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "shares" DROP COLUMN "amount_set_by_organisation_id"`);
  }
}
