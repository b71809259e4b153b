import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: a database trigger rejects UPDATE, DELETE and TRUNCATE on this table. */
@Entity('audit_events')
@Index(['entityType', 'entityId', 'occurredAt'])
@Index('ix_audit_login_failed', ['occurredAt'], { where: "action = 'auth.login_failed'" })
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'text', nullable: true })
  actorName: string | null;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  /** Dotted verb, e.g. `share.approved`, `partnership.member_joined`, `auth.login_failed`. */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  entityType: string;

  @Column({ type: 'text', nullable: true })
  entityId: string | null;

  /** The partnership this event belongs to, so the partnership's lawyers can read it. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  partnershipId: string | null;

  /** The tender this event belongs to (its own events, its lots' and shares'), for the timeline. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  tenderId: string | null;

  /** Changed fields `{field: {from, to}}` or event data. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  data: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;
}
