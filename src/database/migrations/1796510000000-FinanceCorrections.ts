import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections, never deletions: a contract is amended (aneks, one row per amendment) or cancelled
 * with a reason; an invoice recorded by mistake is cancelled while nothing is paid on it; a
 * scheduled payment is cancelled, a recorded one reversed (storno) — the original row stays, marked.
 */
export class FinanceCorrections1796510000000 implements MigrationInterface {
  name = 'FinanceCorrections1796510000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['contracts', 'invoices', 'payments']) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD "cancelled_at" TIMESTAMP WITH TIME ZONE, ADD "cancel_reason" text, ADD "cancelled_by_id" uuid`,
      );
    }
    await queryRunner.query(
      `ALTER TABLE "payments" ADD "reversed_at" TIMESTAMP WITH TIME ZONE, ADD "reversal_reason" text,
         ADD "reversed_paid_on" date, ADD "reversed_reference" text, ADD "reversed_by_id" uuid`,
    );
    await queryRunner.query(
      `CREATE TABLE "contract_amendments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "contract_id" uuid NOT NULL,
        "tender_id" uuid NOT NULL,
        "signed_on" date NOT NULL,
        "reason" text NOT NULL,
        "amount_net_before" bigint NOT NULL,
        "amount_gross_before" bigint NOT NULL,
        "amount_net" bigint NOT NULL,
        "amount_gross" bigint NOT NULL,
        "created_by_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_contract_amendments" PRIMARY KEY ("id"),
        CONSTRAINT "FK_contract_amendments_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT,
        CONSTRAINT "ck_contract_amendments_amounts" CHECK ("amount_net" >= 0 AND "amount_gross" >= "amount_net")
      )`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_contract_amendments_contract" ON "contract_amendments" ("contract_id")`,
    );
    // A cancelled record leaves room for the right one: uniqueness among records in force.
    await queryRunner.query(`DROP INDEX "uq_contracts_lot_organisation"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contracts_lot_organisation" ON "contracts" ("lot_id", "organisation_id") WHERE "cancelled_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoices" DROP CONSTRAINT "uq_invoices_contractor_number"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invoices_contractor_number" ON "invoices" ("contractor_nip", "number") WHERE "cancelled_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_invoices_contractor_number"`);
    await queryRunner.query(
      `ALTER TABLE "invoices" ADD CONSTRAINT "uq_invoices_contractor_number" UNIQUE ("contractor_nip", "number")`,
    );
    await queryRunner.query(`DROP INDEX "uq_contracts_lot_organisation"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contracts_lot_organisation" ON "contracts" ("lot_id", "organisation_id")`,
    );
    await queryRunner.query(`DROP TABLE "contract_amendments"`);
    await queryRunner.query(
      `ALTER TABLE "payments" DROP COLUMN "reversed_at", DROP COLUMN "reversal_reason", DROP COLUMN "reversed_paid_on", DROP COLUMN "reversed_reference", DROP COLUMN "reversed_by_id"`,
    );
    for (const table of ['contracts', 'invoices', 'payments']) {
      await queryRunner.query(
        `ALTER TABLE "${table}" DROP COLUMN "cancelled_at", DROP COLUMN "cancel_reason", DROP COLUMN "cancelled_by_id"`,
      );
    }
  }
}
