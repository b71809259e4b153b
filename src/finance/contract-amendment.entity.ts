import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { groszTransformer } from '../common/db';

/** An amendment (aneks) to a contract: its date, why, and the amounts before and after. */
@Entity('contract_amendments')
export class ContractAmendment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  contractId: string;

  @Column({ type: 'uuid' })
  tenderId: string;

  @Column({ type: 'date' })
  signedOn: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'bigint', transformer: groszTransformer })
  amountNetBefore: number;

  @Column({ type: 'bigint', transformer: groszTransformer })
  amountGrossBefore: number;

  @Column({ type: 'bigint', transformer: groszTransformer })
  amountNet: number;

  @Column({ type: 'bigint', transformer: groszTransformer })
  amountGross: number;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
