import { MigrationInterface, QueryRunner } from 'typeorm';

export class Tenders1795667927822 implements MigrationInterface {
  name = 'Tenders1795667927822';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "share_approvals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "share_id" uuid NOT NULL, "step" text NOT NULL, "decision" text NOT NULL, "user_id" uuid NOT NULL, "user_name" text NOT NULL, "role" text NOT NULL, "comment" text, "amount_net" bigint NOT NULL, "budget_classification" text, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "void" boolean NOT NULL DEFAULT false, "voided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e179d4157c179c19cc085509332" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_0b8ffdbec0101c03bf8861d549" ON "share_approvals" ("share_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_share_approvals_valid_step" ON "share_approvals" ("share_id", "step") WHERE NOT void AND decision = 'APPROVED'`,
    );
    await queryRunner.query(
      `CREATE TABLE "shares" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "amount_net" bigint NOT NULL, "status" text NOT NULL DEFAULT 'PROPOSED', "budget_classification" text, "wpf_reference" text, "proposed_by_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b88473409066c43c2ccb1894a82" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a6270f416a3eed96e39991183d" ON "shares" ("tender_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_0a1fd9fbf6973b86c4fef6bb5e" ON "shares" ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ec7e93f7289b642cdfbbfdf915" ON "shares" ("status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_shares_lot_organisation_active" ON "shares" ("lot_id", "organisation_id") WHERE status <> 'WITHDRAWN'`,
    );
    await queryRunner.query(
      `CREATE TABLE "lots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "number" integer NOT NULL, "title" text NOT NULL, "vat_rate" integer NOT NULL, "contractor_name" text, "contractor_nip" character(10), "awarded_net" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_lots_tender_number" UNIQUE ("tender_id", "number"), CONSTRAINT "PK_2bb990a4015865cb1daa1d22fd9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "tenders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partnership_id" uuid NOT NULL, "leader_organisation_id" uuid NOT NULL, "reference" text NOT NULL, "title" text NOT NULL, "description" text, "subject_kind" text NOT NULL, "cpv_main" text NOT NULL, "cpv_additional" text array NOT NULL DEFAULT '{}', "procedure" text NOT NULL, "settlement_model" text NOT NULL, "status" text NOT NULL DEFAULT 'DRAFT', "share_deadline" TIMESTAMP WITH TIME ZONE, "planned_start_on" date, "published_on" date, "value_net" bigint NOT NULL DEFAULT '0', "value_gross" bigint NOT NULL DEFAULT '0', "regime" text NOT NULL DEFAULT 'OUTSIDE_ACT', "cancel_reason" text, "ocid" text, "version" integer NOT NULL DEFAULT '1', "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_tenders_leader_reference" UNIQUE ("leader_organisation_id", "reference"), CONSTRAINT "PK_13fdd4229818a97b5102199463b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3e7c91f17c84e4b22eaf62417f" ON "tenders" ("partnership_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_462fa4960a4caa39f683ed4868" ON "tenders" ("status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_988694f2027e8f9d31aa6a7de8" ON "tenders" ("regime") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "tender_id" uuid, "entity_type" text, "entity_id" uuid, "link" text, "read_at" TIMESTAMP WITH TIME ZONE, "emailed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_310667f935698fcd8cb319113a" ON "notifications" ("user_id", "created_at") `,
    );
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "tender_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "audit_events" ALTER COLUMN "data" SET DEFAULT '{}'::jsonb`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b1b5997271edf2a1b4b39d229d" ON "audit_events" ("tender_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "share_approvals" ADD CONSTRAINT "FK_0b8ffdbec0101c03bf8861d5492" FOREIGN KEY ("share_id") REFERENCES "shares"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "shares" ADD CONSTRAINT "FK_e988356b5bd3c902879b40a9f5c" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "shares" ADD CONSTRAINT "FK_0a1fd9fbf6973b86c4fef6bb5ee" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lots" ADD CONSTRAINT "FK_4592ddd72e3229e4f86341f1244" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenders" ADD CONSTRAINT "FK_3e7c91f17c84e4b22eaf62417f0" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenders" ADD CONSTRAINT "FK_1a8a6ca6df6c2be86299de7807b" FOREIGN KEY ("leader_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "tenders" DROP CONSTRAINT "FK_1a8a6ca6df6c2be86299de7807b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenders" DROP CONSTRAINT "FK_3e7c91f17c84e4b22eaf62417f0"`,
    );
    await queryRunner.query(`ALTER TABLE "lots" DROP CONSTRAINT "FK_4592ddd72e3229e4f86341f1244"`);
    await queryRunner.query(
      `ALTER TABLE "shares" DROP CONSTRAINT "FK_0a1fd9fbf6973b86c4fef6bb5ee"`,
    );
    await queryRunner.query(
      `ALTER TABLE "shares" DROP CONSTRAINT "FK_e988356b5bd3c902879b40a9f5c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "share_approvals" DROP CONSTRAINT "FK_0b8ffdbec0101c03bf8861d5492"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_b1b5997271edf2a1b4b39d229d"`);
    await queryRunner.query(`ALTER TABLE "audit_events" ALTER COLUMN "data" SET DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "tender_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_310667f935698fcd8cb319113a"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_988694f2027e8f9d31aa6a7de8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_462fa4960a4caa39f683ed4868"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3e7c91f17c84e4b22eaf62417f"`);
    await queryRunner.query(`DROP TABLE "tenders"`);
    await queryRunner.query(`DROP TABLE "lots"`);
    await queryRunner.query(`DROP INDEX "public"."uq_shares_lot_organisation_active"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ec7e93f7289b642cdfbbfdf915"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0a1fd9fbf6973b86c4fef6bb5e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a6270f416a3eed96e39991183d"`);
    await queryRunner.query(`DROP TABLE "shares"`);
    await queryRunner.query(`DROP INDEX "public"."uq_share_approvals_valid_step"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0b8ffdbec0101c03bf8861d549"`);
    await queryRunner.query(`DROP TABLE "share_approvals"`);
  }
}
