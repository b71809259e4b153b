import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tender list's default order is `created_at DESC, id ASC` (newest first, ties by id): an
 * index in exactly that order lets a page — and a keyset page after a cursor — be read from the
 * index and stop after `limit` rows (`ix_tenders_created` serves `created_at ASC, id ASC`, but
 * not the mixed directions). See test/bench/scale.ts, which prints the plans at 10 000 tenders.
 */
export class ListKeysetIndexes1796840000001 implements MigrationInterface {
  name = 'ListKeysetIndexes1796840000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_tenders_created_desc" ON "tenders" ("created_at" DESC, "id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_tenders_created_desc"`);
  }
}
