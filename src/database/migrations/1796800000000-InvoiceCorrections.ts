import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Correcting invoices (faktury korygujące): a correction is a new row of `invoices` with its own
 * number and date, the amounts after the correction (so `ck_invoices_gross` and the allocations'
 * check, net ≥ 0, hold for it as for any invoice: no partner's corrected part can be negative) and
 * the invoice it corrects. The corrected row stays, marked with `corrected_by_id`; the signed
 * differences are the correction's amounts less those of the row it corrects. One correction per
 * state (a chain, never a fork); `original_invoice_id` names the chain's first invoice, on which
 * the payments are recorded. `version` is the optimistic check of invoice writes.
 */
export class InvoiceCorrections1796800000000 implements MigrationInterface {
  name = 'InvoiceCorrections1796800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "invoices"
         ADD "version" integer NOT NULL DEFAULT 1,
         ADD "corrects_invoice_id" uuid,
         ADD "original_invoice_id" uuid,
         ADD "correction_reason" text,
         ADD "corrected_by_id" uuid,
         ADD CONSTRAINT "FK_invoices_corrects" FOREIGN KEY ("corrects_invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT,
         ADD CONSTRAINT "FK_invoices_original" FOREIGN KEY ("original_invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT,
         ADD CONSTRAINT "FK_invoices_corrected_by" FOREIGN KEY ("corrected_by_id") REFERENCES "invoices"("id") ON DELETE RESTRICT,
         ADD CONSTRAINT "ck_invoices_correction" CHECK (
           ("corrects_invoice_id" IS NULL AND "original_invoice_id" IS NULL AND "correction_reason" IS NULL)
           OR ("corrects_invoice_id" IS NOT NULL AND "original_invoice_id" IS NOT NULL
               AND "correction_reason" IS NOT NULL AND "corrects_invoice_id" <> "id"
               AND "original_invoice_id" <> "id")),
         ADD CONSTRAINT "ck_invoices_corrected_by" CHECK ("corrected_by_id" IS NULL OR "corrected_by_id" <> "id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invoices_corrects" ON "invoices" ("corrects_invoice_id") WHERE "corrects_invoice_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_invoices_original" ON "invoices" ("original_invoice_id") WHERE "original_invoice_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_invoices_original"`);
    await queryRunner.query(`DROP INDEX "uq_invoices_corrects"`);
    await queryRunner.query(
      `ALTER TABLE "invoices" DROP CONSTRAINT "ck_invoices_corrected_by", DROP CONSTRAINT "ck_invoices_correction",
         DROP CONSTRAINT "FK_invoices_corrected_by", DROP CONSTRAINT "FK_invoices_original", DROP CONSTRAINT "FK_invoices_corrects",
         DROP COLUMN "corrected_by_id", DROP COLUMN "correction_reason", DROP COLUMN "original_invoice_id",
         DROP COLUMN "corrects_invoice_id", DROP COLUMN "version"`,
    );
  }
}
