import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where decisions stall (issue #14): each partnership sets after how many Polish working days at
 * one step of a share's chain the partner's head is notified (default 5); each escalation is
 * recorded once per stay of a share at a step (the stay is identified by when it began).
 */
export class StallEscalation1796870000000 implements MigrationInterface {
  name = 'StallEscalation1796870000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "partnerships" ADD "stall_escalation_working_days" integer NOT NULL DEFAULT 5`,
    );
    await queryRunner.query(
      `ALTER TABLE "partnerships" ADD CONSTRAINT "ck_partnerships_stall_escalation_working_days"
         CHECK ("stall_escalation_working_days" BETWEEN 1 AND 60)`,
    );
    await queryRunner.query(`
      CREATE TABLE "stall_escalations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "share_id" uuid NOT NULL REFERENCES "shares"("id") ON DELETE CASCADE,
        "tender_id" uuid NOT NULL REFERENCES "tenders"("id") ON DELETE CASCADE,
        "organisation_id" uuid NOT NULL REFERENCES "organisations"("id") ON DELETE RESTRICT,
        "step" text NOT NULL,
        "arrived_at" timestamptz NOT NULL,
        "working_days" integer NOT NULL,
        "threshold_working_days" integer NOT NULL,
        "notified" integer NOT NULL,
        "escalated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_stall_escalations" PRIMARY KEY ("id"),
        CONSTRAINT "uq_stall_escalations_stay" UNIQUE ("share_id", "step", "arrived_at"),
        CONSTRAINT "ck_stall_escalations_step"
          CHECK ("step" IN ('COORDINATOR', 'TREASURER', 'HEAD', 'CHANGE_REQUESTED'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_stall_escalations_tender" ON "stall_escalations" ("tender_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "stall_escalations"`);
    await queryRunner.query(
      `ALTER TABLE "partnerships" DROP CONSTRAINT "ck_partnerships_stall_escalation_working_days"`,
    );
    await queryRunner.query(`ALTER TABLE "partnerships" DROP COLUMN "stall_escalation_working_days"`);
  }
}
