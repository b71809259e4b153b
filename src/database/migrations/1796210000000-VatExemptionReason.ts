import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contracts and invoices whose VAT does not follow the lot's rate carry the reason (an exemption
 * under art. 43 or 113 ustawy o VAT, reverse charge, a mixed-rate invoice) the person who entered
 * them gave.
 */
export class VatExemptionReason1796210000000 implements MigrationInterface {
  name = 'VatExemptionReason1796210000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoices" ADD "vat_exemption_reason" text`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD "vat_exemption_reason" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contracts" DROP COLUMN "vat_exemption_reason"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP COLUMN "vat_exemption_reason"`);
  }
}
