import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { groszTransformer } from '../common/db';
import { Organisation } from '../organisations';
import { Invoice } from './invoice.entity';

/**
 * One partner's part of an invoice (see invoice-split.ts). The parts of an invoice add up to it in
 * every column; each part is consistent on its own (net + VAT = gross).
 */
@Entity('invoice_allocations')
@Unique('uq_invoice_allocations_partner', ['invoiceId', 'organisationId'])
@Check('ck_invoice_allocations_gross', '"net" >= 0 AND "vat" >= 0 AND "net" + "vat" = "gross"')
export class InvoiceAllocation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  invoiceId: string;

  @ManyToOne(() => Invoice, (i) => i.allocations, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoice_id' })
  invoice: Invoice;

  @Index()
  @Column({ type: 'uuid' })
  tenderId: string;

  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation: Organisation;

  /** The weight the split used: the partner's confirmed net share of the lot (grosz). */
  @Column({ type: 'bigint', transformer: groszTransformer })
  weight: number;

  @Column({ type: 'bigint', transformer: groszTransformer })
  net: number;

  @Column({ type: 'bigint', transformer: groszTransformer })
  vat: number;

  @Column({ type: 'bigint', transformer: groszTransformer })
  gross: number;
}
