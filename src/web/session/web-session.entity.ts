import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A one-time message shown on the next page (POST → 303 → GET), kept with the session. */
export interface FlashMessage {
  kind: 'success' | 'info' | 'error';
  text: string;
  /** Shown once and never stored elsewhere, e.g. a new calendar address. */
  secret?: string;
}

/**
 * A signed-in browser. The cookie carries a random id; only its SHA-256 is stored, so a database
 * dump does not hand out sessions. A session ends on sign-out, after the idle timeout, or when the
 * user's password changes or the account is disabled (every session of that user ends).
 */
@Entity('web_sessions')
@Index('ix_web_sessions_user', ['userId'])
export class WebSession {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index('uq_web_sessions_token_hash', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;
  @Column({ type: 'uuid' }) userId: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) lastSeenAt: Date;
  @Column({ type: 'timestamptz' }) idleExpiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) endedAt: Date | null;
  @Column({ type: 'text', nullable: true }) endReason: string | null;
  /** The membership the person works in now ("organisationId:ROLE"), or null for all of them. */
  @Column({ type: 'text', nullable: true }) context: string | null;
  @Column({ type: 'jsonb', nullable: true }) flash: FlashMessage | null;
  @Column({ type: 'text', nullable: true }) ip: string | null;
  /** The "Nowe postępowanie" wizard's answers so far (src/web/tender-wizard.ts); ends with the session. */
  @Column({ type: 'jsonb', nullable: true }) tenderDraft: Record<string, unknown> | null;
}
