import { MigrationInterface, QueryRunner } from 'typeorm';

/** E-mail copies of notifications can be switched off per kind (users.email_opt_out_kinds). */
export class EmailOptOutKinds1796400000000 implements MigrationInterface {
  name = 'EmailOptOutKinds1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "users" ADD "email_opt_out_kinds" text[] NOT NULL DEFAULT '{}'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email_opt_out_kinds"`);
  }
}
