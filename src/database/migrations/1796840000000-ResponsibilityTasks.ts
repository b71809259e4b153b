import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The responsibility matrix of a tender (issue #14): one row per version of a task. A change of
 * the due day or the responsible, marking done and waiving are new rows of the same task
 * (`task_id`, the next `version`); a trigger rejects UPDATE and DELETE, so the history stays. Files
 * attached to a done task are content-addressed (SHA-256), like the documents' files.
 */
export class ResponsibilityTasks1796840000000 implements MigrationInterface {
  name = 'ResponsibilityTasks1796840000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tender_task_files" (
        "sha256" text NOT NULL,
        "content" bytea NOT NULL,
        "size" integer NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_tender_task_files" PRIMARY KEY ("sha256"),
        CONSTRAINT "ck_tender_task_files_sha" CHECK ("sha256" ~ '^[0-9a-f]{64}$')
      )`);
    await queryRunner.query(`
      CREATE TABLE "tender_tasks" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "task_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "action" text NOT NULL,
        "tender_id" uuid NOT NULL REFERENCES "tenders"("id") ON DELETE RESTRICT,
        "kind" text NOT NULL,
        "scope" text NOT NULL,
        "lot_number" integer,
        "title" text NOT NULL,
        "organisation_id" uuid NOT NULL REFERENCES "organisations"("id") ON DELETE RESTRICT,
        "person_user_id" uuid REFERENCES "users"("id") ON DELETE RESTRICT,
        "due_on" date NOT NULL,
        "status" text NOT NULL,
        "note" text,
        "file_sha256" text REFERENCES "tender_task_files"("sha256") ON DELETE RESTRICT,
        "file_name" text,
        "file_type" text,
        "deadline_id" uuid,
        "actor_user_id" uuid REFERENCES "users"("id") ON DELETE RESTRICT,
        "actor_name" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_tender_tasks" PRIMARY KEY ("id"),
        CONSTRAINT "uq_tender_tasks_version" UNIQUE ("task_id", "version"),
        CONSTRAINT "ck_tender_tasks_action" CHECK ("action" IN ('CREATED', 'CHANGED', 'DONE', 'WAIVED')),
        CONSTRAINT "ck_tender_tasks_status" CHECK ("status" IN ('OPEN', 'DONE', 'WAIVED')),
        CONSTRAINT "ck_tender_tasks_scope" CHECK ("scope" IN ('LEADER_FOR_ALL', 'EACH_PARTNER')),
        CONSTRAINT "ck_tender_tasks_kind" CHECK ("kind" IN ('OPZ', 'INPUT_DATA', 'SWZ_REVIEW',
          'CONTRACT_REVIEW', 'COMMITTEE_NOMINATION', 'ACCEPTANCE', 'INVOICE_VERIFICATION', 'PAYMENT')),
        CONSTRAINT "ck_tender_tasks_first" CHECK (("version" = 1) = ("action" = 'CREATED')),
        CONSTRAINT "ck_tender_tasks_closed" CHECK (
          ("status" = 'DONE' AND ("note" IS NOT NULL OR "file_sha256" IS NOT NULL))
          OR ("status" = 'WAIVED' AND "note" IS NOT NULL) OR "status" = 'OPEN')
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_tender_tasks_tender" ON "tender_tasks" ("tender_id", "task_id", "version")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_tender_tasks_organisation" ON "tender_tasks" ("organisation_id")`,
    );
    await queryRunner.query(`CREATE FUNCTION tender_tasks_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'tender_tasks is append-only: % is not allowed (record a new version)', TG_OP
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER tender_tasks_no_update_delete BEFORE UPDATE OR DELETE ON "tender_tasks" FOR EACH ROW EXECUTE FUNCTION tender_tasks_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tender_tasks"`);
    await queryRunner.query(`DROP FUNCTION tender_tasks_append_only()`);
    await queryRunner.query(`DROP TABLE "tender_task_files"`);
  }
}
