import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tender archives (Pzp art. 78): one zip per request, built by the worker. */
export class TenderArchives1795671000000 implements MigrationInterface {
  name = 'TenderArchives1795671000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "tender_archives" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'QUEUED', "up_to_event_id" bigint, "requested_by_id" uuid, "sha256" character(64), "size_bytes" integer, "content" bytea, "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ready_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_tender_archives_status" CHECK ("status" IN ('QUEUED', 'BUILDING', 'READY', 'FAILED')), CONSTRAINT "PK_tender_archives" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_tender_archives_tender_created" ON "tender_archives" ("tender_id", "created_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tender_archives"`);
  }
}
