import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Joining a partnership needs the invited organisation's consent: the leader's officer invites,
 * the invited organisation's head (or its officer, as the partnership's rules say) accepts or
 * declines. A membership period remembers the invitation it came from and who decided a leave.
 */
export class MembershipInvitations1796600000000 implements MigrationInterface {
  name = 'MembershipInvitations1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "partnership_invitations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "partnership_id" uuid NOT NULL REFERENCES "partnerships"("id") ON DELETE CASCADE,
        "organisation_id" uuid NOT NULL REFERENCES "organisations"("id") ON DELETE RESTRICT,
        "joined_on" date NOT NULL,
        "status" text NOT NULL DEFAULT 'PENDING',
        "invited_by_id" uuid,
        "invited_by_name" text,
        "decided_by_id" uuid,
        "decided_by_name" text,
        "decided_at" timestamptz,
        "reason" text,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_partnership_invitations" PRIMARY KEY ("id"),
        CONSTRAINT "ck_partnership_invitations_status"
          CHECK ("status" IN ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_partnership_invitations_pending" ON "partnership_invitations" ("partnership_id", "organisation_id") WHERE status = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_partnership_invitations_organisation" ON "partnership_invitations" ("organisation_id") WHERE status = 'PENDING'`,
    );
    await queryRunner.query(
      `ALTER TABLE "partnerships" ADD "invitation_accepted_by" text NOT NULL DEFAULT 'HEAD'`,
    );
    await queryRunner.query(`ALTER TABLE "partnership_members" ADD "invitation_id" uuid`);
    await queryRunner.query(`ALTER TABLE "partnership_members" ADD "left_decided_by_name" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "partnership_members" DROP COLUMN "left_decided_by_name"`);
    await queryRunner.query(`ALTER TABLE "partnership_members" DROP COLUMN "invitation_id"`);
    await queryRunner.query(`ALTER TABLE "partnerships" DROP COLUMN "invitation_accepted_by"`);
    await queryRunner.query(`DROP TABLE "partnership_invitations"`);
  }
}
