import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Project sheets (fiszki projektów, issue #14): the stage before a tender. A sheet names the
 * partners it concerns; each partner's interest is one row per version (`interest_id`, the next
 * `version`): a change or a withdrawal is a new row, a trigger rejects UPDATE and DELETE so the
 * trail stays. The sheet itself changes once, when the leader's officer turns it into a tender.
 */
export class ProjectSheets1796830000000 implements MigrationInterface {
  name = 'ProjectSheets1796830000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "project_sheets" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "partnership_id" uuid NOT NULL REFERENCES "partnerships"("id") ON DELETE RESTRICT,
        "title" text NOT NULL,
        "need" text NOT NULL,
        "subject_kind" text NOT NULL,
        "cpv_main" text NOT NULL,
        "estimated_value_net" numeric(14,2) NOT NULL,
        "planned_announcement_month" text NOT NULL,
        "planned_start_on" date,
        "author_user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE RESTRICT,
        "author_name" text NOT NULL,
        "author_organisation_id" uuid REFERENCES "organisations"("id") ON DELETE RESTRICT,
        "tender_id" uuid REFERENCES "tenders"("id") ON DELETE RESTRICT,
        "converted_at" timestamptz,
        "converted_by_name" text,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_project_sheets" PRIMARY KEY ("id"),
        CONSTRAINT "ck_project_sheets_month" CHECK ("planned_announcement_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        CONSTRAINT "ck_project_sheets_value" CHECK ("estimated_value_net" > 0),
        CONSTRAINT "ck_project_sheets_converted" CHECK (("tender_id" IS NULL) = ("converted_at" IS NULL)),
        CONSTRAINT "uq_project_sheets_tender" UNIQUE ("tender_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_project_sheets_partnership" ON "project_sheets" ("partnership_id", "created_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "project_sheet_partners" (
        "sheet_id" uuid NOT NULL REFERENCES "project_sheets"("id") ON DELETE RESTRICT,
        "organisation_id" uuid NOT NULL REFERENCES "organisations"("id") ON DELETE RESTRICT,
        CONSTRAINT "pk_project_sheet_partners" PRIMARY KEY ("sheet_id", "organisation_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "project_sheet_interests" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "sheet_id" uuid NOT NULL,
        "organisation_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "action" text NOT NULL,
        "amount_net" numeric(14,2),
        "head_consent_on" date,
        "head_name" text,
        "note" text,
        "recorded_by_user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE RESTRICT,
        "recorded_by_name" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_project_sheet_interests" PRIMARY KEY ("id"),
        CONSTRAINT "fk_project_sheet_interests_partner" FOREIGN KEY ("sheet_id", "organisation_id")
          REFERENCES "project_sheet_partners"("sheet_id", "organisation_id") ON DELETE RESTRICT,
        CONSTRAINT "uq_project_sheet_interests_version" UNIQUE ("sheet_id", "organisation_id", "version"),
        CONSTRAINT "ck_project_sheet_interests_action" CHECK ("action" IN ('DECLARED', 'CHANGED', 'WITHDRAWN')),
        CONSTRAINT "ck_project_sheet_interests_amount" CHECK (
          ("action" = 'WITHDRAWN' AND "amount_net" IS NULL) OR ("action" <> 'WITHDRAWN' AND "amount_net" > 0)),
        CONSTRAINT "ck_project_sheet_interests_consent" CHECK ("head_name" IS NULL OR "head_consent_on" IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE FUNCTION project_sheet_interests_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'project_sheet_interests is append-only: % is not allowed (record a new version)', TG_OP
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER project_sheet_interests_no_update_delete BEFORE UPDATE OR DELETE ON "project_sheet_interests" FOR EACH ROW EXECUTE FUNCTION project_sheet_interests_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "project_sheet_interests"`);
    await queryRunner.query(`DROP FUNCTION project_sheet_interests_append_only()`);
    await queryRunner.query(`DROP TABLE "project_sheet_partners"`);
    await queryRunner.query(`DROP TABLE "project_sheets"`);
  }
}
