import { MigrationInterface, QueryRunner } from 'typeorm';

/** Server-side sessions of the web application (src/web). */
export class WebSessions1795671000000 implements MigrationInterface {
  name = 'WebSessions1795671000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "web_sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "token_hash" text NOT NULL,
        "user_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "idle_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "ended_at" TIMESTAMP WITH TIME ZONE,
        "end_reason" text,
        "context" text,
        "flash" jsonb,
        "ip" text,
        CONSTRAINT "PK_web_sessions" PRIMARY KEY ("id"),
        CONSTRAINT "FK_web_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_web_sessions_token_hash" ON "web_sessions" ("token_hash")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_web_sessions_user" ON "web_sessions" ("user_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_web_sessions_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_web_sessions_token_hash"`);
    await queryRunner.query(`DROP TABLE "web_sessions"`);
  }
}
