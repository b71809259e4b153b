import { MigrationInterface, QueryRunner } from 'typeorm';

/** A per-user token version, carried in access tokens, so revoking them takes effect at once. */
export class TokenVersion1796200002000 implements MigrationInterface {
  name = 'TokenVersion1796200002000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT '1'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
  }
}
