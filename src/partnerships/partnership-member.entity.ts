import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organisation } from '../organisations';
import { Partnership } from './partnership.entity';

/**
 * One period of membership. Leaving closes the period (`leftOn`); rejoining opens a new row, so the
 * history of who was a member on any date is kept.
 */
@Entity('partnership_members')
@Index('uq_partnership_members_open', ['partnershipId', 'organisationId'], {
  unique: true,
  where: 'left_on IS NULL',
})
export class PartnershipMember {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => Partnership, (p) => p.members, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_id' })
  partnership: Partnership;

  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation: Organisation;

  @Column({ type: 'date' })
  joinedOn: string;

  @Column({ type: 'date', nullable: true })
  leftOn: string | null;

  /** The accepted invitation this period began with (none for founding and earlier members). */
  @Column({ type: 'uuid', nullable: true })
  invitationId: string | null;

  /** Who decided the leave, as recorded when it was recorded. */
  @Column({ type: 'text', nullable: true })
  leftDecidedByName: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
