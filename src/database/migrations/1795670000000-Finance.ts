import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finance: contracts per lot, contractors' invoices with their allocations to partners, and
 * payments (advances, targeted subsidies, refunds, invoice payments). Amounts are bigint grosz.
 */
export class Finance1795670000000 implements MigrationInterface {
  name = 'Finance1795670000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "contracts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "contractor_name" text NOT NULL, "contractor_nip" character(10) NOT NULL, "amount_net" bigint NOT NULL, "amount_gross" bigint NOT NULL, "signed_on" date NOT NULL, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_contracts_amounts" CHECK ("amount_net" >= 0 AND "amount_gross" >= "amount_net"), CONSTRAINT "PK_2c7b8f3a7b1acdd49497d83d0fb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5f0340260705386c4468564da7" ON "contracts" ("tender_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contracts_lot_organisation" ON "contracts" ("lot_id", "organisation_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "invoice_allocations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "invoice_id" uuid NOT NULL, "tender_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "weight" bigint NOT NULL, "net" bigint NOT NULL, "vat" bigint NOT NULL, "gross" bigint NOT NULL, CONSTRAINT "uq_invoice_allocations_partner" UNIQUE ("invoice_id", "organisation_id"), CONSTRAINT "ck_invoice_allocations_gross" CHECK ("net" >= 0 AND "vat" >= 0 AND "net" + "vat" = "gross"), CONSTRAINT "PK_fdfeb318a6aac2e3ba61013c653" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_1f9b36e180b8f51584f1cf88c5" ON "invoice_allocations" ("tender_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8b465755222c8a070e853a4e06" ON "invoice_allocations" ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "invoices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "contract_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "number" text NOT NULL, "contractor_nip" character(10) NOT NULL, "issued_on" date NOT NULL, "due_on" date NOT NULL, "net" bigint NOT NULL, "vat" bigint NOT NULL, "gross" bigint NOT NULL, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_invoices_contractor_number" UNIQUE ("contractor_nip", "number"), CONSTRAINT "ck_invoices_gross" CHECK ("net" >= 0 AND "vat" >= 0 AND "net" + "vat" = "gross"), CONSTRAINT "PK_668cef7c22a427fd822cc1be3ce" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8463cd4afef7b25564dff28f1d" ON "invoices" ("tender_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2a1393659dc4aa043ed203c888" ON "invoices" ("contract_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "payments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "kind" text NOT NULL, "amount" bigint NOT NULL, "due_on" date NOT NULL, "paid_on" date, "reference" text, "description" text, "invoice_id" uuid, "subsidy_id" uuid, "resolution_number" text, "agreement_signed_on" date, "use_until" date, "settlement_due_on" date, "return_due_on" date, "return_basis" text, "used_amount" bigint, "settled_on" date, "version" integer NOT NULL DEFAULT '1', "created_by_id" uuid, "paid_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_payments_used" CHECK ("used_amount" IS NULL OR ("used_amount" >= 0 AND "used_amount" <= "amount")), CONSTRAINT "ck_payments_kind" CHECK ("kind" IN ('ADVANCE', 'SUBSIDY', 'REFUND', 'INVOICE_PAYMENT')), CONSTRAINT "ck_payments_amount" CHECK ("amount" > 0), CONSTRAINT "PK_197ab7af18c93fbb0c9b28b4a59" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8e8e1e014d744e420afa07ba94" ON "payments" ("invoice_id") WHERE invoice_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_37046fb3f2d544e02db7ccc70b" ON "payments" ("subsidy_id") WHERE subsidy_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_payments_unpaid_due" ON "payments" ("due_on") WHERE paid_on IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_payments_tender_organisation" ON "payments" ("tender_id", "organisation_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_5f0340260705386c4468564da78" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_3fa56d7afbe32648fc759d039d6" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_446b97257a40469e4b3d6e6c4ef" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoice_allocations" ADD CONSTRAINT "FK_60992310bede0daa77cb5c9ffd0" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoice_allocations" ADD CONSTRAINT "FK_8b465755222c8a070e853a4e062" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoices" ADD CONSTRAINT "FK_8463cd4afef7b25564dff28f1db" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoices" ADD CONSTRAINT "FK_2a1393659dc4aa043ed203c8886" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoices" ADD CONSTRAINT "FK_6868cb95c63b61c62192644cf38" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" ADD CONSTRAINT "FK_515c2b0325557530f4af0b9c65b" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" ADD CONSTRAINT "FK_188744d6bc8f1c1c17f04491423" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" ADD CONSTRAINT "FK_563a5e248518c623eebd987d43e" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" ADD CONSTRAINT "FK_eb137f1d2540a56c8231f027de3" FOREIGN KEY ("subsidy_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "payments" DROP CONSTRAINT "FK_eb137f1d2540a56c8231f027de3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" DROP CONSTRAINT "FK_563a5e248518c623eebd987d43e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" DROP CONSTRAINT "FK_188744d6bc8f1c1c17f04491423"`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" DROP CONSTRAINT "FK_515c2b0325557530f4af0b9c65b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoices" DROP CONSTRAINT "FK_6868cb95c63b61c62192644cf38"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoices" DROP CONSTRAINT "FK_2a1393659dc4aa043ed203c8886"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoices" DROP CONSTRAINT "FK_8463cd4afef7b25564dff28f1db"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoice_allocations" DROP CONSTRAINT "FK_8b465755222c8a070e853a4e062"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoice_allocations" DROP CONSTRAINT "FK_60992310bede0daa77cb5c9ffd0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" DROP CONSTRAINT "FK_446b97257a40469e4b3d6e6c4ef"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" DROP CONSTRAINT "FK_3fa56d7afbe32648fc759d039d6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" DROP CONSTRAINT "FK_5f0340260705386c4468564da78"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_payments_tender_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_payments_unpaid_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_37046fb3f2d544e02db7ccc70b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8e8e1e014d744e420afa07ba94"`);
    await queryRunner.query(`DROP TABLE "payments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2a1393659dc4aa043ed203c888"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8463cd4afef7b25564dff28f1d"`);
    await queryRunner.query(`DROP TABLE "invoices"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8b465755222c8a070e853a4e06"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1f9b36e180b8f51584f1cf88c5"`);
    await queryRunner.query(`DROP TABLE "invoice_allocations"`);
    await queryRunner.query(`DROP INDEX "public"."uq_contracts_lot_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5f0340260705386c4468564da7"`);
    await queryRunner.query(`DROP TABLE "contracts"`);
  }
}
