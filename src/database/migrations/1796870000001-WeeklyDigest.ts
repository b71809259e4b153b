import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The weekly digest to partners' coordinators (issue #14): one per organisation and ISO week,
 * so a second worker or a retried job sends nothing twice.
 */
export class WeeklyDigest1796870000001 implements MigrationInterface {
  name = 'WeeklyDigest1796870000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "weekly_digests" (
        "organisation_id" uuid NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE,
        "week" text NOT NULL,
        "items" integer NOT NULL,
        "notified" integer NOT NULL,
        "sent_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_weekly_digests" PRIMARY KEY ("organisation_id", "week"),
        CONSTRAINT "ck_weekly_digests_week" CHECK ("week" ~ '^[0-9]{4}-W[0-9]{2}$')
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "weekly_digests"`);
  }
}
