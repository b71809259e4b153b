import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { User } from '../auth';

/**
 * A user's secret calendar feed address. Only the SHA-256 of the token is stored (the token has 256
 * random bits, so a plain hash is enough); issuing a new one replaces it, which revokes the old URL.
 */
@Entity('calendar_tokens')
export class CalendarToken {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: User;

  @Column({ type: 'text', unique: true })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
