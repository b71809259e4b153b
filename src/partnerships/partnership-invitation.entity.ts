import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import { Organisation } from '../organisations';
import { Partnership } from './partnership.entity';

export const INVITATION_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/**
 * An invitation to join a partnership. Nothing about the membership is recorded until the invited
 * organisation accepts; declined and withdrawn invitations stay as the record of what was asked.
 */
@Entity('partnership_invitations')
@Index('uq_partnership_invitations_pending', ['partnershipId', 'organisationId'], {
  unique: true,
  where: "status = 'PENDING'",
})
export class PartnershipInvitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_id' })
  partnership: Partnership;

  @Index('ix_partnership_invitations_organisation', { where: "status = 'PENDING'" })
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation: Organisation;

  /** The day the leader proposes; the membership starts then, or on acceptance if later. */
  @Column({ type: 'date' })
  joinedOn: string;

  @Column({ type: 'text', default: 'PENDING' })
  status: InvitationStatus;

  @Column({ type: 'uuid', nullable: true })
  invitedById: string | null;

  @Column({ type: 'text', nullable: true })
  invitedByName: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ type: 'text', nullable: true })
  decidedByName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** Why it was declined or withdrawn. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
