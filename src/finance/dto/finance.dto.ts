import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsIsoDate } from '../../common/dates';
import { normalizeNip, IsNip } from '../../common/identifiers';
import { IsAmount } from '../../common/money';
import {
  PAYMENT_KINDS,
  PAYMENT_STATUSES,
  type PaymentKind,
  type PaymentStatus,
} from '../payment-kinds';

const nip = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? (normalizeNip(value) ?? value) : value;

// ---- input ---------------------------------------------------------------------------------

export class CreateContractDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID(undefined, { message: 'lotId must be a UUID' })
  lotId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Separate contracts: the partner signing it (required). Leader’s contract: omit (the leader).',
  })
  @IsOptional()
  @IsUUID(undefined, { message: 'organisationId must be a UUID' })
  organisationId?: string;

  @ApiProperty({ example: 'Drogbud Sp. z o.o.' })
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  contractorName: string;

  @ApiProperty({ example: '8567346215', description: 'NIP of the awarded contractor' })
  @Transform(nip)
  @IsNip()
  contractorNip: string;

  @ApiProperty({ example: '450000.00' })
  @IsAmount({ positive: true })
  amountNet: string;

  @ApiProperty({ example: '553500.00' })
  @IsAmount({ positive: true })
  amountGross: string;

  @ApiPropertyOptional({
    example: 'Zwolnienie z VAT na podstawie art. 113 ust. 1 ustawy o VAT',
    description:
      "Required when VAT does not follow the lot's VAT rate (within rounding); printed beside the amounts",
  })
  @IsOptional()
  @IsString()
  @MinLength(5, { message: 'vatExemptionReason must say why VAT differs (at least 5 characters)' })
  @MaxLength(500)
  vatExemptionReason?: string;

  @ApiProperty({ example: '2027-03-15' })
  @IsIsoDate()
  signedOn: string;
}

export class CreateInvoiceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID(undefined, { message: 'lotId must be a UUID' })
  lotId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Separate contracts: the billed partner (required). Leader’s contract: omit.',
  })
  @IsOptional()
  @IsUUID(undefined, { message: 'organisationId must be a UUID' })
  organisationId?: string;

  @ApiProperty({ example: 'FV/2027/04/118' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  number: string;

  @ApiProperty({ example: '8567346215' })
  @Transform(nip)
  @IsNip()
  contractorNip: string;

  @ApiProperty({ example: '2027-04-30' }) @IsIsoDate() issuedOn: string;
  @ApiProperty({ example: '2027-05-30' }) @IsIsoDate() dueOn: string;

  @ApiProperty({ example: '100000.00' })
  @IsAmount({ positive: true })
  net: string;

  @ApiProperty({ example: '23000.00' })
  @IsAmount()
  vat: string;

  @ApiProperty({ example: '123000.00', description: 'Must equal net + vat' })
  @IsAmount({ positive: true })
  gross: string;

  @ApiPropertyOptional({
    example: 'Zwolnienie z VAT na podstawie art. 113 ust. 1 ustawy o VAT',
    description:
      "Required when VAT does not follow the lot's VAT rate (within rounding); printed beside the amounts",
  })
  @IsOptional()
  @IsString()
  @MinLength(5, { message: 'vatExemptionReason must say why VAT differs (at least 5 characters)' })
  @MaxLength(500)
  vatExemptionReason?: string;
}

export class CreatePaymentDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'The partner the payment concerns: who pays an ADVANCE or SUBSIDY, who receives a REFUND, the invoice’s addressee for an INVOICE_PAYMENT',
  })
  @IsUUID(undefined, { message: 'organisationId must be a UUID' })
  organisationId: string;

  @ApiProperty({ enum: PAYMENT_KINDS, example: 'ADVANCE' })
  @IsIn(PAYMENT_KINDS, { message: `kind must be one of ${PAYMENT_KINDS.join(', ')}` })
  kind: PaymentKind;

  @ApiProperty({ example: '27199.02' })
  @IsAmount({ positive: true })
  amount: string;

  @ApiProperty({ example: '2027-05-20' }) @IsIsoDate() dueOn: string;

  @ApiPropertyOptional({ example: 'Zaliczka na część 1 (faktura FV/2027/04/118)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'INVOICE_PAYMENT: the invoice it pays' })
  @IsOptional()
  @IsUUID(undefined, { message: 'invoiceId must be a UUID' })
  invoiceId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'REFUND: the subsidy it returns' })
  @IsOptional()
  @IsUUID(undefined, { message: 'subsidyId must be a UUID' })
  subsidyId?: string;

  @ApiPropertyOptional({ example: 'XV/123/2027', description: 'SUBSIDY: the council resolution' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  resolutionNumber?: string;

  @ApiPropertyOptional({ example: '2027-02-10', description: 'SUBSIDY: agreement signed on' })
  @IsOptional()
  @IsIsoDate()
  agreementSignedOn?: string;

  @ApiPropertyOptional({
    example: '2027-06-30',
    description: 'SUBSIDY: last day of the term of use',
  })
  @IsOptional()
  @IsIsoDate()
  useUntil?: string;

  @ApiPropertyOptional({ example: '2027-07-31', description: 'SUBSIDY: settle (rozliczyć) by' })
  @IsOptional()
  @IsIsoDate()
  settlementDueOn?: string;
}

export class MarkPaidDto {
  @ApiProperty({ example: '2027-05-18' }) @IsIsoDate() paidOn: string;

  @ApiProperty({ example: 'WB/2027/05/0042' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference: string;

  @ApiPropertyOptional({ example: 1, description: 'The version you saw; stale → 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class SettleSubsidyDto {
  @ApiProperty({ example: '23270.27', description: 'What the leader used of the subsidy' })
  @IsAmount()
  usedAmount: string;

  @ApiProperty({ example: '2027-07-01' }) @IsIsoDate() settledOn: string;

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class CorrectionReasonDto {
  @ApiProperty({ example: 'Faktura wprowadzona omyłkowo: zdublowany wpis FV/2027/04/118' })
  @IsString()
  @MinLength(5, { message: 'reason must say why (at least 5 characters)' })
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({ example: 1, description: 'The version you saw (payments); stale → 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class AmendContractDto {
  @ApiProperty({ example: '2027-06-01', description: 'Day the amendment (aneks) was signed' })
  @IsIsoDate()
  signedOn: string;

  @ApiProperty({
    example: 'Aneks nr 1: roboty dodatkowe na ul. Polnej (art. 455 ust. 1 pkt 3 Pzp)',
  })
  @IsString()
  @MinLength(5, { message: 'reason must say why (at least 5 characters)' })
  @MaxLength(2000)
  reason: string;

  @ApiProperty({
    example: '460000.00',
    description: 'The contract’s net amount after the amendment',
  })
  @IsAmount({ positive: true })
  amountNet: string;

  @ApiProperty({ example: '565800.00' })
  @IsAmount({ positive: true })
  amountGross: string;

  @ApiPropertyOptional({ example: 'Zwolnienie z VAT na podstawie art. 113 ust. 1 ustawy o VAT' })
  @IsOptional()
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  vatExemptionReason?: string;
}

// ---- output --------------------------------------------------------------------------------

export class ContractView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tenderId: string;
  @ApiProperty({ format: 'uuid' }) lotId: string;
  @ApiProperty({ example: 1 }) lotNumber: number;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: 'Gmina Czernichów' }) organisationName: string;
  @ApiProperty({ example: 'Drogbud Sp. z o.o.' }) contractorName: string;
  @ApiProperty({ example: '8567346215' }) contractorNip: string;
  @ApiProperty({ example: '450000.00' }) amountNet: string;
  @ApiProperty({ example: '553500.00' }) amountGross: string;
  @ApiProperty({ example: '2027-03-15' }) signedOn: string;
  @ApiProperty({ example: '2027-03-15T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({
    nullable: true,
    example: null,
    description: 'Cancelled: kept on record, counts for nothing',
  })
  cancelledAt: string | null;
  @ApiProperty({ nullable: true, example: null }) cancelReason: string | null;
  @ApiProperty({
    description: 'Amendments (aneksy), oldest first: date, reason, amounts before and after',
    example: [
      {
        signedOn: '2027-06-01',
        reason: 'Aneks nr 1: roboty dodatkowe',
        amountNetBefore: '450000.00',
        amountNet: '460000.00',
        amountGrossBefore: '553500.00',
        amountGross: '565800.00',
      },
    ],
  })
  amendments: {
    signedOn: string;
    reason: string;
    amountNetBefore: string;
    amountNet: string;
    amountGrossBefore: string;
    amountGross: string;
  }[];
}

export { AllocationView, InvoicePreview, InvoiceView } from './invoice.dto';

export class PaymentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tenderId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: 'Gmina Czernichów' }) organisationName: string;
  @ApiProperty({ enum: PAYMENT_KINDS, example: 'ADVANCE' }) kind: PaymentKind;
  @ApiProperty({ example: 'zaliczka' }) kindLabel: string;
  @ApiProperty({ format: 'uuid', description: 'Who transfers the money' })
  payerOrganisationId: string;
  @ApiProperty({
    format: 'uuid',
    description: 'Who receives it (null: the contractor)',
    nullable: true,
  })
  payeeOrganisationId: string | null;
  @ApiProperty({ nullable: true, example: null, description: 'Cancelled before it was paid' })
  cancelledAt: string | null;
  @ApiProperty({ nullable: true, example: null }) cancelReason: string | null;
  @ApiProperty({
    nullable: true,
    example: null,
    description: 'Storno: the record of payment it had (paidOn, reference, when and why reversed)',
  })
  reversal: { paidOn: string; reference: string | null; reversedAt: string; reason: string } | null;
  @ApiProperty({ example: '27199.02' }) amount: string;
  @ApiProperty({ example: '2027-05-20' }) dueOn: string;
  @ApiProperty({ example: null, nullable: true }) paidOn: string | null;
  @ApiProperty({ example: null, nullable: true }) reference: string | null;
  @ApiProperty({ enum: PAYMENT_STATUSES, example: 'DUE' }) status: PaymentStatus;
  @ApiProperty({ example: null, nullable: true }) description: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) invoiceId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) subsidyId: string | null;
  @ApiProperty({ example: null, nullable: true }) resolutionNumber: string | null;
  @ApiProperty({ example: null, nullable: true }) agreementSignedOn: string | null;
  @ApiProperty({ example: null, nullable: true }) useUntil: string | null;
  @ApiProperty({ example: null, nullable: true }) settlementDueOn: string | null;
  @ApiProperty({
    example: null,
    nullable: true,
    description: 'SUBSIDY: 15 days after the term of use',
  })
  returnDueOn: string | null;
  @ApiProperty({ example: null, nullable: true }) returnBasis: string | null;
  @ApiProperty({ example: null, nullable: true }) usedAmount: string | null;
  @ApiProperty({ example: null, nullable: true }) settledOn: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    description: 'The PAYMENT deadline that reminds the payer',
  })
  deadlineId: string | null;
  @ApiProperty({ example: 1 }) version: number;
}

export class SettleSubsidyView {
  @ApiProperty({ type: PaymentView }) subsidy: PaymentView;
  @ApiProperty({ type: PaymentView, nullable: true, description: 'The refund of the unused part' })
  refund: PaymentView | null;
}

class AmountsView {
  @ApiProperty({ example: '22113.02' }) net: string;
  @ApiProperty({ example: '5086.00' }) vat: string;
  @ApiProperty({ example: '27199.02' }) gross: string;
}

class SubsidiesView {
  @ApiProperty({ example: '25000.00' }) granted: string;
  @ApiProperty({ example: '25000.00' }) received: string;
  @ApiProperty({ example: '23270.27' }) used: string;
  @ApiProperty({ example: '1729.73' }) toReturn: string;
  @ApiProperty({ example: '0.00' }) returned: string;
  @ApiProperty({ example: '2027-07-15', nullable: true }) returnDueOn?: string | null;
}

class NextDueView {
  @ApiProperty({ format: 'uuid' }) paymentId: string;
  @ApiProperty({ enum: PAYMENT_KINDS }) kind: PaymentKind;
  @ApiProperty({ example: '1729.73' }) amount: string;
  @ApiProperty({ example: '2027-07-15' }) dueOn: string;
  @ApiProperty({ enum: ['OUT', 'IN'], example: 'IN' }) direction: 'OUT' | 'IN';
  @ApiProperty({ format: 'uuid' }) payerOrganisationId: string;
  @ApiProperty({ enum: PAYMENT_STATUSES }) status: PaymentStatus;
}

export class PartnerSettlementView {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: 'Gmina Liszki' }) organisationName: string;
  @ApiProperty({ example: '9990000000', nullable: true }) nip: string | null;
  @ApiProperty({ example: false }) leader: boolean;
  @ApiProperty({ example: 1, description: 'Invoices with a part allocated to it' })
  invoices: number;
  @ApiProperty({ type: AmountsView }) allocated: AmountsView;
  @ApiProperty({ example: '25000.00' }) paid: string;
  @ApiProperty({ example: '0.00' }) refunded: string;
  @ApiProperty({ example: '0.00', description: 'Leader: partners’ transfers less refunds' })
  receivedFromPartners: string;
  @ApiProperty({ type: SubsidiesView }) subsidies: SubsidiesView;
  @ApiProperty({ example: '0.00', description: 'Unpaid payments it must make' })
  outstanding: string;
  @ApiProperty({ example: '0.00' }) overdue: string;
  @ApiProperty({
    example: '1729.73',
    description: 'paid − refunded − receivedFromPartners − allocated.gross; negative: it owes',
  })
  balance: string;
  @ApiProperty({ type: NextDueView, nullable: true }) nextDue: NextDueView | null;
}

class InvoicedView extends AmountsView {
  @ApiProperty({ example: 3 }) count: number;
}

export class SettlementTotalsView {
  @ApiProperty({ example: 3 }) invoices: number;
  @ApiProperty({ type: AmountsView }) allocated: AmountsView;
  @ApiProperty({ example: '150000.00' }) paid: string;
  @ApiProperty({ example: '1729.73' }) refunded: string;
  @ApiProperty({ example: '50469.29' }) receivedFromPartners: string;
  @ApiProperty({ type: SubsidiesView }) subsidies: SubsidiesView;
  @ApiProperty({ example: '0.00' }) outstanding: string;
  @ApiProperty({ example: '0.00' }) overdue: string;
  @ApiProperty({ example: '0.00' }) balance: string;
  @ApiProperty({ type: InvoicedView }) invoiced: InvoicedView;
  @ApiProperty({ example: '123000.00' }) paidToContractors: string;
  @ApiProperty({
    example: true,
    description: 'Allocations add up to the invoices; balances to payments − invoices',
  })
  reconciled: boolean;
}

export class SettlementView {
  @ApiProperty({ format: 'uuid' }) tenderId: string;
  @ApiProperty({ example: 'ZP.271.1.2026' }) reference: string;
  @ApiProperty({ enum: ['SEPARATE_CONTRACTS', 'LEADER_CONTRACT'] }) settlementModel: string;
  @ApiProperty({ example: '2027-07-20', description: 'Day (Warsaw) the statuses refer to' })
  asOf: string;
  @ApiProperty({ type: [PartnerSettlementView] }) partners: PartnerSettlementView[];
  @ApiProperty({
    type: SettlementTotalsView,
    nullable: true,
    description: 'Only for whoever sees every partner (the leader’s officers and treasurer)',
  })
  totals: SettlementTotalsView | null;
}
