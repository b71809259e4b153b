import { MigrationInterface, QueryRunner } from 'typeorm';

/** The extension of the offer validity (art. 220 ust. 3 / art. 307 ust. 2 Pzp), once per tender. */
export class OfferValidity1796170000000 implements MigrationInterface {
  name = 'OfferValidity1796170000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "offer_validity_extensions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "requested_on" date NOT NULL, "previous_until" date NOT NULL, "valid_until" date NOT NULL, "reason" text NOT NULL, "basis" text NOT NULL, "created_by_id" uuid, "created_by_name" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_offer_validity_extensions_later" CHECK ("valid_until" > "previous_until"), CONSTRAINT "PK_offer_validity_extensions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_offer_validity_extensions_tender" ON "offer_validity_extensions" ("tender_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "offer_validity_extensions" ADD CONSTRAINT "FK_offer_validity_extensions_tender" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "offer_validity_extensions"`);
  }
}
