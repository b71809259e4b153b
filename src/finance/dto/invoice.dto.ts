import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { IsIsoDate } from '../../common/dates';
import { IsAmount } from '../../common/money';

/*
 * Invoices: the views (with their split among the partners) and the correcting invoice (faktura
 * korygująca), kept apart from finance.dto.ts (contracts, payments, settlement).
 */

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

// ---- input ---------------------------------------------------------------------------------

/**
 * A correcting invoice: its own number and date, the reason, and the amounts after the correction
 * (never negative: the differences are computed). Corrects the invoice's latest state.
 */
export class CorrectInvoiceDto {
  @ApiProperty({ example: 'FK/2027/06/004', description: "The correcting invoice's own number" })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'number must not be empty' })
  @MaxLength(100)
  number: string;

  @ApiProperty({
    example: '2027-06-10',
    description: 'Not before the corrected invoice was issued, not after today',
  })
  @IsIsoDate()
  issuedOn: string;

  @ApiPropertyOptional({
    example: '2027-07-10',
    description:
      "When the corrected amount is due (default: the corrected invoice's due date); not before issuedOn",
  })
  @IsOptional()
  @IsIsoDate()
  dueOn?: string;

  @ApiProperty({ example: '95000.00', description: 'Net after the correction (0 or more)' })
  @IsAmount()
  net: string;

  @ApiProperty({ example: '21850.00', description: "VAT after the correction: the lot's rate" })
  @IsAmount()
  vat: string;

  @ApiProperty({ example: '116850.00', description: 'Gross after the correction: net + vat' })
  @IsAmount()
  gross: string;

  @ApiPropertyOptional({
    example: 'Zwolnienie z VAT na podstawie art. 113 ust. 1 ustawy o VAT',
    description:
      "Required when VAT does not follow the lot's rate; default: the corrected invoice's reason",
  })
  @IsOptional()
  @IsString()
  @MinLength(5, { message: 'vatExemptionReason must say why VAT differs (at least 5 characters)' })
  @MaxLength(500)
  vatExemptionReason?: string;

  @ApiProperty({ example: 'Rabat 5 % przyznany po odbiorze robót (korekta ceny)' })
  @IsString()
  @MinLength(5, { message: 'reason must say why (at least 5 characters)' })
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({ example: 1, description: 'The version of the invoice you saw; stale → 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

// ---- output --------------------------------------------------------------------------------

/** Signed amounts: a correction's difference (negative when it lowers the invoice). */
export class DifferenceView {
  @ApiProperty({ example: '-5000.00' }) net: string;
  @ApiProperty({ example: '-1150.00' }) vat: string;
  @ApiProperty({ example: '-6150.00' }) gross: string;
}

export class AllocationDifferenceView extends DifferenceView {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: 'Gmina Czernichów' }) organisationName: string;
}

export class InvoiceCorrectionView {
  @ApiProperty({ format: 'uuid', description: 'The state it corrects' }) correctsInvoiceId: string;
  @ApiProperty({ example: 'FV/2027/04/118' }) correctsNumber: string;
  @ApiProperty({ format: 'uuid', description: 'The first invoice of the chain (its payments)' })
  originalInvoiceId: string;
  @ApiProperty({ example: 'FV/2027/04/118' }) originalNumber: string;
  @ApiProperty({ example: 'Rabat 5 % przyznany po odbiorze robót (korekta ceny)' }) reason: string;
  @ApiProperty({ type: DifferenceView, description: 'This invoice less the state it corrects' })
  difference: DifferenceView;
  @ApiProperty({
    type: [AllocationDifferenceView],
    description: "Each partner's difference; they add up to the difference to the grosz",
  })
  allocations: AllocationDifferenceView[];
}

export class CorrectedByView {
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty({ example: 'FK/2027/06/004' }) number: string;
}

/** What saving a correction would record, before saving it (the same split). */
export class InvoiceCorrectionPreview {
  @ApiProperty({ example: 'FK/2027/06/004' }) number: string;
  @ApiProperty({ example: 'FV/2027/04/118' }) correctsNumber: string;
  @ApiProperty({ type: DifferenceView }) before: DifferenceView;
  @ApiProperty({ type: DifferenceView }) after: DifferenceView;
  @ApiProperty({ type: DifferenceView }) difference: DifferenceView;
  @ApiProperty({ type: [AllocationDifferenceView], description: 'Parts after the correction' })
  allocations: AllocationDifferenceView[];
  @ApiProperty({ type: [AllocationDifferenceView] }) differences: AllocationDifferenceView[];
}

export class AllocationView {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: 'Gmina Czernichów' }) organisationName: string;
  @ApiProperty({ example: '450000.00', description: 'The confirmed net share used as the weight' })
  weight: string;
  @ApiProperty({ example: '22113.02' }) net: string;
  @ApiProperty({ example: '5086.00' }) vat: string;
  @ApiProperty({ example: '27199.02' }) gross: string;
}

export class InvoiceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tenderId: string;
  @ApiProperty({ format: 'uuid' }) lotId: string;
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ format: 'uuid', description: 'The addressee' }) organisationId: string;
  @ApiProperty({ example: 'FV/2027/04/118' }) number: string;
  @ApiProperty({ example: '8567346215' }) contractorNip: string;
  @ApiProperty({ example: '2027-04-30' }) issuedOn: string;
  @ApiProperty({ example: '2027-05-30' }) dueOn: string;
  @ApiProperty({ example: '100000.00' }) net: string;
  @ApiProperty({ example: '23000.00' }) vat: string;
  @ApiProperty({ example: '123000.00' }) gross: string;
  @ApiProperty({ type: [AllocationView] }) allocations: AllocationView[];
  @ApiProperty({
    nullable: true,
    example: null,
    description: 'Cancelled: kept on record, counts for nothing',
  })
  cancelledAt: string | null;
  @ApiProperty({ nullable: true, example: null }) cancelReason: string | null;
  @ApiProperty({ example: 1, description: 'The version you saw; a stale one → 409' })
  version: number;
  @ApiProperty({
    example: true,
    description:
      'Counts in the settlement: neither cancelled nor replaced by a correcting invoice (the latest state)',
  })
  inForce: boolean;
  @ApiProperty({
    type: () => InvoiceCorrectionView,
    nullable: true,
    description: 'A correcting invoice (faktura korygująca): what it corrects, why, the differences',
  })
  correction: InvoiceCorrectionView | null;
  @ApiProperty({
    type: () => CorrectedByView,
    nullable: true,
    description: 'Replaced by a correcting invoice: it stays on record, "skorygowana fakturą nr …"',
  })
  correctedBy: CorrectedByView | null;
}

/** What recording an invoice would allocate (the same split the save computes), before saving. */
export class InvoicePreview {
  @ApiProperty({ example: 1 }) lotNumber: number;
  @ApiProperty({ example: 'Drogbud Sp. z o.o.' }) contractorName: string;
  @ApiProperty({ example: 'FV/2027/04/118' }) number: string;
  @ApiProperty({ example: '100000.00' }) net: string;
  @ApiProperty({ example: '23000.00' }) vat: string;
  @ApiProperty({ example: '123000.00' }) gross: string;
  @ApiProperty({ type: [AllocationView] }) allocations: AllocationView[];
}

