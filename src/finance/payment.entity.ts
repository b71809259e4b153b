import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { groszTransformer } from '../common/db';
import { Organisation } from '../organisations';
import { Tender } from '../tenders';
import { Invoice } from './invoice.entity';
import type { PaymentKind } from './payment-kinds';

/**
 * A payment concerning one partner (`organisationId`): an advance or a targeted subsidy it
 * transfers to the leader, a refund the leader transfers back, or an invoice payment to the
 * contractor (by the invoice's addressee). Due date, then paid date and bank reference.
 */
@Entity('payments')
@Index('ix_payments_tender_organisation', ['tenderId', 'organisationId'])
@Index('ix_payments_unpaid_due', ['dueOn'], { where: 'paid_on IS NULL' })
@Check('ck_payments_amount', '"amount" > 0')
@Check('ck_payments_kind', `"kind" IN ('ADVANCE', 'SUBSIDY', 'REFUND', 'INVOICE_PAYMENT')`)
@Check(
  'ck_payments_used',
  '"used_amount" IS NULL OR ("used_amount" >= 0 AND "used_amount" <= "amount")',
)
export class Payment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tenderId: string;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender: Tender;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation: Organisation;

  @Column({ type: 'text' })
  kind: PaymentKind;

  @Column({ type: 'bigint', transformer: groszTransformer })
  amount: number;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'date', nullable: true })
  paidOn: string | null;

  /** Bank transfer reference (tytuł przelewu / numer wyciągu), given when paid. */
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** INVOICE_PAYMENT: the invoice it pays. */
  @Index({ where: 'invoice_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  invoiceId: string | null;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'invoice_id' })
  invoice: Invoice | null;

  /** REFUND of an unused subsidy: the subsidy it returns. */
  @Index({ where: 'subsidy_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  subsidyId: string | null;

  @ManyToOne(() => Payment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subsidy_id' })
  subsidy: Payment | null;

  // ---- SUBSIDY (dotacja celowa, ufp art. 250–251) ---------------------------------------------

  /** The donor council's resolution (uchwała rady), e.g. "XV/123/2026". */
  @Column({ type: 'text', nullable: true })
  resolutionNumber: string | null;

  /** The subsidy agreement (umowa o udzielenie dotacji) was signed on. */
  @Column({ type: 'date', nullable: true })
  agreementSignedOn: string | null;

  /** Last day of the term of use (termin wykorzystania). */
  @Column({ type: 'date', nullable: true })
  useUntil: string | null;

  /** By when the leader must account for the subsidy (termin rozliczenia). */
  @Column({ type: 'date', nullable: true })
  settlementDueOn: string | null;

  /** Computed from useUntil (subsidy-terms.ts). */
  @Column({ type: 'date', nullable: true })
  returnDueOn: string | null;

  @Column({ type: 'text', nullable: true })
  returnBasis: string | null;

  /** Set when the subsidy is settled: what was used; the rest is refunded. */
  @Column({ type: 'bigint', nullable: true, transformer: groszTransformer })
  usedAmount: number | null;

  @Column({ type: 'date', nullable: true })
  settledOn: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ type: 'uuid', nullable: true })
  paidById: string | null;

  /** Cancelled by mistake: stays on record, marked, and counts for nothing. */
  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  cancelledById: string | null;

  /** Storno: the payment was recorded by mistake; its record moves here and it is due again. */
  @Column({ type: 'timestamptz', nullable: true })
  reversedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  reversalReason: string | null;

  @Column({ type: 'date', nullable: true })
  reversedPaidOn: string | null;

  @Column({ type: 'text', nullable: true })
  reversedReference: string | null;

  @Column({ type: 'uuid', nullable: true })
  reversedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
