import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The procedure after publication: notices (BZP/TED, with the e-Zamówienia ocid), the tender
 * committee with the art. 56 statements, each lot's criteria, planned amount and outcome, the
 * offers with their rejections, and appeals to KIO.
 */
export class Procedure1796165289848 implements MigrationInterface {
  name = 'Procedure1796165289848';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "offers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "number" integer NOT NULL, "contractor_name" text NOT NULL, "contractor_nip" character(10) NOT NULL, "contractor_address" text NOT NULL, "price_net" bigint NOT NULL, "price_gross" bigint NOT NULL, "criteria_values" jsonb NOT NULL DEFAULT '{}'::jsonb, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'VALID', "rejection_point" integer, "rejection_reason" text, "rejected_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_offers_lot_number" UNIQUE ("lot_id", "number"), CONSTRAINT "PK_4c88e956195bba85977da21b8f4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f2cf00018b1f1fda44f3edd724" ON "offers" ("tender_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "procedure_notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "type" text NOT NULL, "medium" text NOT NULL, "number" text NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ocid" text, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2000d84ffd6d700dde446d17e40" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c98c0e0b425618b175301813fa" ON "procedure_notices" ("tender_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "lot_procedures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "criteria" jsonb NOT NULL DEFAULT '[]'::jsonb, "quality_standards_described" boolean NOT NULL DEFAULT false, "planned_amount_gross" bigint, "planned_basis" text, "planned_reason" text, "planned_at" TIMESTAMP WITH TIME ZONE, "outcome" text NOT NULL DEFAULT 'PENDING', "selected_offer_id" uuid, "recommendation" text, "recommended_at" TIMESTAMP WITH TIME ZONE, "recommended_by_name" text, "approved_at" TIMESTAMP WITH TIME ZONE, "approved_by_name" text, "cancel_point" integer, "cancel_reason" text, "cancelled_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_05e4e796dd0f96d6d54d171192d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_95079de30bb596266e427f933d" ON "lot_procedures" ("tender_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_d78cd70473144fdea179af34a2" ON "lot_procedures" ("lot_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "committees" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "order_number" text NOT NULL, "order_date" date NOT NULL, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_69acdd168edf3e61a2a0b4ed13b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_9cc365384b97a62e09c1a8b782" ON "committees" ("tender_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "committee_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "committee_id" uuid NOT NULL, "user_id" uuid, "name" text NOT NULL, "function" text NOT NULL, "statement_on" date, "conflict" boolean, "statement_note" text, "excluded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d674c70e45241dde1bd9d8fe21b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_da7bfbda0e85b04bb62f7f2446" ON "committee_members" ("tender_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "appeals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "appellant" text NOT NULL, "filed_on" date NOT NULL, "kio_reference" text, "subject" text NOT NULL, "status" text NOT NULL DEFAULT 'PENDING', "decided_on" date, "outcome_note" text, "version" integer NOT NULL DEFAULT '1', "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ebd2050a02aa78081b5346152bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_625e1bfc36d7525df435e2b5e6" ON "appeals" ("tender_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "offers" ADD CONSTRAINT "FK_f2cf00018b1f1fda44f3edd7240" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offers" ADD CONSTRAINT "FK_4087b0a74b1101565c83ab8ff83" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "procedure_notices" ADD CONSTRAINT "FK_c98c0e0b425618b175301813fa0" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_procedures" ADD CONSTRAINT "FK_95079de30bb596266e427f933d9" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_procedures" ADD CONSTRAINT "FK_d78cd70473144fdea179af34a26" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "committees" ADD CONSTRAINT "FK_9cc365384b97a62e09c1a8b7821" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "committee_members" ADD CONSTRAINT "FK_7410db6ee097228a8f3b2035aa4" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appeals" ADD CONSTRAINT "FK_625e1bfc36d7525df435e2b5e64" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appeals" ADD CONSTRAINT "FK_4ab4bf04543440d7ccde7d5d9c9" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "appeals" DROP CONSTRAINT "FK_4ab4bf04543440d7ccde7d5d9c9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appeals" DROP CONSTRAINT "FK_625e1bfc36d7525df435e2b5e64"`,
    );
    await queryRunner.query(
      `ALTER TABLE "committee_members" DROP CONSTRAINT "FK_7410db6ee097228a8f3b2035aa4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "committees" DROP CONSTRAINT "FK_9cc365384b97a62e09c1a8b7821"`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_procedures" DROP CONSTRAINT "FK_d78cd70473144fdea179af34a26"`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_procedures" DROP CONSTRAINT "FK_95079de30bb596266e427f933d9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "procedure_notices" DROP CONSTRAINT "FK_c98c0e0b425618b175301813fa0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "offers" DROP CONSTRAINT "FK_4087b0a74b1101565c83ab8ff83"`,
    );
    await queryRunner.query(
      `ALTER TABLE "offers" DROP CONSTRAINT "FK_f2cf00018b1f1fda44f3edd7240"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_625e1bfc36d7525df435e2b5e6"`);
    await queryRunner.query(`DROP TABLE "appeals"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_da7bfbda0e85b04bb62f7f2446"`);
    await queryRunner.query(`DROP TABLE "committee_members"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9cc365384b97a62e09c1a8b782"`);
    await queryRunner.query(`DROP TABLE "committees"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d78cd70473144fdea179af34a2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_95079de30bb596266e427f933d"`);
    await queryRunner.query(`DROP TABLE "lot_procedures"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c98c0e0b425618b175301813fa"`);
    await queryRunner.query(`DROP TABLE "procedure_notices"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f2cf00018b1f1fda44f3edd724"`);
    await queryRunner.query(`DROP TABLE "offers"`);
  }
}
