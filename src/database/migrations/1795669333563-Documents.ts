import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents of a tender (versions, status, frozen input snapshot) and the PostgreSQL document
 * store (bytes keyed by SHA-256, STORAGE EXTERNAL so downloads read slices without inflating).
 */
export class Documents1795669333563 implements MigrationInterface {
  name = 'Documents1795669333563';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "kind" text NOT NULL, "organisation_id" uuid, "version" integer NOT NULL, "status" text NOT NULL DEFAULT 'QUEUED', "template_name" text NOT NULL, "template_hash" character(64), "snapshot" jsonb NOT NULL, "shares_hash" character(64) NOT NULL, "storage" text, "storage_key" text, "sha256" character(64), "size_bytes" integer, "pages" integer, "error" text, "attempts" integer NOT NULL DEFAULT '0', "render_ms" integer, "requested_by_id" uuid, "requested_by_name" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "render_started_at" TIMESTAMP WITH TIME ZONE, "ready_at" TIMESTAMP WITH TIME ZONE, "failed_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`,
    );
    // A READY document always names its file; the file's key is its own hash.
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "ck_documents_ready_has_file" CHECK (status <> 'READY' OR (sha256 IS NOT NULL AND storage IS NOT NULL AND storage_key = sha256 AND size_bytes IS NOT NULL AND pages IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "ck_documents_status" CHECK (status IN ('QUEUED', 'RENDERING', 'READY', 'FAILED'))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_documents_tender_created" ON "documents" ("tender_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_documents_tender_kind_org_version" ON "documents" ("tender_id", "kind", "organisation_id", "version") WHERE organisation_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_documents_tender_kind_version" ON "documents" ("tender_id", "kind", "version") WHERE organisation_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "document_files" ("sha256" character(64) NOT NULL, "content" bytea NOT NULL, "size_bytes" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c522277816055b85cbeb1ad98e6" PRIMARY KEY ("sha256"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_files" ADD CONSTRAINT "ck_document_files_size" CHECK (size_bytes = octet_length(content))`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_files" ALTER COLUMN "content" SET STORAGE EXTERNAL`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "FK_baf6561e369570931fb12a7a0da" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "FK_b324c16199405d5c5e8b5e86e48" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "documents" DROP CONSTRAINT "FK_b324c16199405d5c5e8b5e86e48"`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" DROP CONSTRAINT "FK_baf6561e369570931fb12a7a0da"`,
    );
    await queryRunner.query(`DROP TABLE "document_files"`);
    await queryRunner.query(`DROP INDEX "public"."uq_documents_tender_kind_version"`);
    await queryRunner.query(`DROP INDEX "public"."uq_documents_tender_kind_org_version"`);
    await queryRunner.query(`DROP INDEX "public"."ix_documents_tender_created"`);
    await queryRunner.query(`DROP TABLE "documents"`);
  }
}
