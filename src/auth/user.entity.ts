import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { RoleMembership } from './role-membership.entity';

@Entity('users')
@Index('uq_users_email', { synchronize: false })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique (case-insensitive) by a unique index on lower(email). */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'boolean', default: false })
  admin: boolean;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'boolean', default: false })
  emailOptOut: boolean;

  /** Kinds of notification (vocabulary NOTIFICATION_KINDS) whose e-mail copy is switched off. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emailOptOutKinds: string[];

  @Column({ type: 'boolean', default: false })
  demo: boolean;

  /**
   * Carried in every access token (`tv`): raising it (logout, password change, reuse of a refresh
   * token, deactivation) makes every access token issued before unusable at once.
   */
  @Column({ type: 'int', default: 1 })
  tokenVersion: number;

  @OneToMany(() => RoleMembership, (m) => m.user)
  memberships: RoleMembership[];

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
