import { MigrationInterface, QueryRunner } from 'typeorm';

export class Schedule1795668922881 implements MigrationInterface {
  name = 'Schedule1795668922881';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "deadlines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "minimum_on" date, "minimum_constraint" text, "basis" text, "counted_from" date, "statutory_flags" jsonb NOT NULL DEFAULT '{}'::jsonb, "responsible_organisation_id" uuid, "status" text NOT NULL DEFAULT 'OPEN', "reminder_offsets" integer array NOT NULL, "note" text, "origin" text NOT NULL DEFAULT 'MANUAL', "subject_type" text, "subject_id" uuid, "done_at" TIMESTAMP WITH TIME ZONE, "done_by_id" uuid, "done_by_name" text, "missed_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, "version" integer NOT NULL DEFAULT '1', "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a9b8551c028a78298641a8e3470" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deadlines_subject" ON "deadlines" ("subject_type", "subject_id") WHERE subject_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_deadlines_schedule_kind" ON "deadlines" ("tender_id", "kind") WHERE origin = 'SCHEDULE' AND status <> 'CANCELLED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deadlines_open_due" ON "deadlines" ("due_at") WHERE status = 'OPEN'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deadlines_tender_due" ON "deadlines" ("tender_id", "due_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "deadline_reminders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "deadline_id" uuid NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "offset_minutes" integer NOT NULL, "recipients" integer NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_deadline_reminders_offset" UNIQUE ("deadline_id", "due_at", "offset_minutes"), CONSTRAINT "PK_8cee3a6d089ce5522ce169711bf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "calendar_tokens" ("user_id" uuid NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_f82866d34868ccae6c8307bd2dd" UNIQUE ("token_hash"), CONSTRAINT "PK_b72b4c7c65d3753a2b4fd1bb02a" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadlines" ADD CONSTRAINT "FK_8ff0f6f60c7b4c77f5b9aa0098b" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadlines" ADD CONSTRAINT "FK_d2acda1877e54bb78941b8a2075" FOREIGN KEY ("responsible_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadline_reminders" ADD CONSTRAINT "FK_56d11f138d2268ac3b27814ff00" FOREIGN KEY ("deadline_id") REFERENCES "deadlines"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_tokens" ADD CONSTRAINT "FK_b72b4c7c65d3753a2b4fd1bb02a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "calendar_tokens" DROP CONSTRAINT "FK_b72b4c7c65d3753a2b4fd1bb02a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadline_reminders" DROP CONSTRAINT "FK_56d11f138d2268ac3b27814ff00"`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadlines" DROP CONSTRAINT "FK_d2acda1877e54bb78941b8a2075"`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadlines" DROP CONSTRAINT "FK_8ff0f6f60c7b4c77f5b9aa0098b"`,
    );
    await queryRunner.query(`DROP TABLE "calendar_tokens"`);
    await queryRunner.query(`DROP TABLE "deadline_reminders"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadlines_tender_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadlines_open_due"`);
    await queryRunner.query(`DROP INDEX "public"."uq_deadlines_schedule_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadlines_subject"`);
    await queryRunner.query(`DROP TABLE "deadlines"`);
  }
}
