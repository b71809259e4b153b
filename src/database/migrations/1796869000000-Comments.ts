import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comment threads (issue #14): one row per version of a comment on a target (kind, id). A
 * correction or a withdrawal is a new row of the same comment (`comment_id`, the next `version`);
 * a trigger rejects UPDATE, DELETE and TRUNCATE, so the earlier text stays.
 */
export class Comments1796869000000 implements MigrationInterface {
  name = 'Comments1796869000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "comments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "comment_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "action" text NOT NULL,
        "target_kind" text NOT NULL,
        "target_id" uuid NOT NULL,
        "tender_id" uuid REFERENCES "tenders"("id") ON DELETE RESTRICT,
        "partnership_id" uuid NOT NULL REFERENCES "partnerships"("id") ON DELETE RESTRICT,
        "author_user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE RESTRICT,
        "author_name" text NOT NULL,
        "organisation_id" uuid REFERENCES "organisations"("id") ON DELETE RESTRICT,
        "body" text,
        "mentions" jsonb NOT NULL DEFAULT '[]'::jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_comments" PRIMARY KEY ("id"),
        CONSTRAINT "uq_comments_version" UNIQUE ("comment_id", "version"),
        CONSTRAINT "ck_comments_action" CHECK ("action" IN ('POSTED', 'CORRECTED', 'WITHDRAWN')),
        CONSTRAINT "ck_comments_target_kind"
          CHECK ("target_kind" IN ('tender', 'lot', 'share', 'task', 'sheet')),
        CONSTRAINT "ck_comments_body" CHECK (
          ("action" = 'WITHDRAWN' AND "body" IS NULL)
          OR ("action" <> 'WITHDRAWN' AND char_length("body") BETWEEN 1 AND 4000)),
        CONSTRAINT "ck_comments_first" CHECK (("version" = 1) = ("action" = 'POSTED'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_comments_target" ON "comments" ("target_kind", "target_id", "created_at")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_comments_tender" ON "comments" ("tender_id")`);
    await queryRunner.query(`CREATE FUNCTION comments_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'comments is append-only: % is not allowed (correct or withdraw with a new version)', TG_OP
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER comments_no_update_delete BEFORE UPDATE OR DELETE ON "comments" FOR EACH ROW EXECUTE FUNCTION comments_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER comments_no_truncate BEFORE TRUNCATE ON "comments" FOR EACH STATEMENT EXECUTE FUNCTION comments_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "comments"`);
    await queryRunner.query(`DROP FUNCTION comments_append_only()`);
  }
}
