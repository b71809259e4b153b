import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Organisation } from '../organisations';
import { PartnershipMember } from './partnership-member.entity';

export const INVITATION_ACCEPTORS = ['HEAD', 'HEAD_OR_OFFICER'] as const;
export type InvitationAcceptor = (typeof INVITATION_ACCEPTORS)[number];

/** A partnership of local governments; one leader conducts joint procedures for all (art. 38 Pzp). */
@Entity('partnerships')
export class Partnership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'uuid' })
  leaderOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'leader_organisation_id' })
  leader: Organisation;

  @Column({ type: 'text', nullable: true })
  agreementReference: string | null;

  @Column({ type: 'date', nullable: true })
  agreementSignedOn: string | null;

  /**
   * Who accepts an invitation on the invited organisation's behalf: its head only, or its head
   * or procurement officer (the partnership's rules).
   */
  @Column({ type: 'text', default: 'HEAD' })
  invitationAcceptedBy: InvitationAcceptor;

  /** After how many Polish working days at one step of a share's chain its head is notified. */
  @Column({ type: 'integer', default: 5 })
  stallEscalationWorkingDays: number;

  @OneToMany(() => PartnershipMember, (m) => m.partnership)
  members: PartnershipMember[];

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
