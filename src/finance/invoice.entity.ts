import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { groszTransformer } from '../common/db';
import { Organisation } from '../organisations';
import { Tender } from '../tenders';
import { Contract } from './contract.entity';
import { InvoiceAllocation } from './invoice-allocation.entity';

/**
 * A contractor's invoice (faktura) billing one contract. It is addressed to the contract's
 * organisation: the partner (separate contracts) or the leader (leader's contract), and allocated
 * to partners by `InvoiceAllocation` rows that add up to it exactly.
 */
@Entity('invoices')
@Index('uq_invoices_contractor_number', ['contractorNip', 'number'], {
  unique: true,
  where: '"cancelled_at" IS NULL',
})
@Check('ck_invoices_gross', '"net" >= 0 AND "vat" >= 0 AND "net" + "vat" = "gross"')
@Index('uq_invoices_corrects', ['correctsInvoiceId'], {
  unique: true,
  where: '"corrects_invoice_id" IS NOT NULL',
})
export class Invoice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  tenderId: string;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender: Tender;

  @Column({ type: 'uuid' })
  lotId: string;

  @Index()
  @Column({ type: 'uuid' })
  contractId: string;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id' })
  contract: Contract;

  /** The addressee: the organisation whose contract the invoice bills. */
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation: Organisation;

  /** The contractor's invoice number, unique per contractor. */
  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'char', length: 10 })
  contractorNip: string;

  @Column({ type: 'date' })
  issuedOn: string;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'bigint', transformer: groszTransformer })
  net: number;

  @Column({ type: 'bigint', transformer: groszTransformer })
  vat: number;

  @Column({ type: 'bigint', transformer: groszTransformer })
  gross: number;

  /** Why VAT does not follow the lot's rate (exemption, reverse charge, mixed rates); null when it does. */
  @Column({ type: 'text', nullable: true })
  vatExemptionReason: string | null;

  @OneToMany(() => InvoiceAllocation, (a) => a.invoice)
  allocations: InvoiceAllocation[];

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  /** Cancelled by mistake: stays on record, marked, and counts for nothing. */
  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  cancelledById: string | null;

  /**
   * A correcting invoice (faktura korygująca): the state it corrects (the original or its latest
   * correction). Its own amounts and allocations are those after the correction, never negative;
   * the differences are these less the corrected state's.
   */
  @Column({ type: 'uuid', nullable: true })
  correctsInvoiceId: string | null;

  /** A correcting invoice: the first invoice of the chain, on which its payments are recorded. */
  @Column({ type: 'uuid', nullable: true })
  originalInvoiceId: string | null;

  @Column({ type: 'text', nullable: true })
  correctionReason: string | null;

  /** Set when a correcting invoice replaces this state: it stays on record and counts for nothing. */
  @Column({ type: 'uuid', nullable: true })
  correctedById: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
