import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../auth';
import { CurrentActor } from '../auth';
import { UuidParam } from '../common/http';
import {
  AmendContractDto,
  ContractView,
  CorrectionReasonDto,
  CreateContractDto,
  CreateInvoiceDto,
  CreatePaymentDto,
  InvoiceView,
  MarkPaidDto,
  PaymentView,
  SettleSubsidyDto,
  SettleSubsidyView,
  SettlementView,
} from './dto/finance.dto';
import { ContractsService } from './contracts.service';
import { CorrectInvoiceDto } from './dto/invoice.dto';
import { InvoiceCorrectionsService } from './invoice-corrections.service';
import { InvoicesService } from './invoices.service';
import { PaymentCorrectionsService } from './payment-corrections.service';
import { PaymentsService } from './payments.service';
import { SettlementService } from './settlement.service';
import { SubsidiesService } from './subsidies.service';
import { SubsidySettlementCorrectionService } from './subsidy-settlement-correction.service';

const FORBIDDEN =
  "Only the partner's own treasurer (to record; head and coordinator to read) and the leader's procurement officers and treasurer";
const NOT_OPEN = 'TENDER_NOT_IN_FINANCE_STATUS: the tender is not AWARDED or CONTRACTED';

@ApiTags('finance')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown, or the tender is not visible to you' })
@Controller()
export class FinanceController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly invoices: InvoicesService,
    private readonly payments: PaymentsService,
    private readonly paymentCorrections: PaymentCorrectionsService,
    private readonly subsidies: SubsidiesService,
    private readonly settlements: SettlementService,
    private readonly corrections: InvoiceCorrectionsService,
    private readonly subsidyCorrections: SubsidySettlementCorrectionService,
  ) {}

  @Post('tenders/:id/contracts')
  @ApiOperation({
    summary: 'Record a contract with the awarded contractor for a lot',
    description:
      'Separate contracts: one per partner with a confirmed share of the lot (`organisationId`), and the ' +
      "lot's contracts may not exceed the awarded net amount. Leader's contract: one per lot, signed by the leader.",
  })
  @ApiCreatedResponse({ type: ContractView })
  @ApiBadRequestResponse({
    description: 'Invalid input (e.g. contractorNip fails the NIP checksum)',
  })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiConflictResponse({ description: `CONTRACT_EXISTS; ${NOT_OPEN}` })
  @ApiUnprocessableEntityResponse({
    description:
      'CONTRACTS_EXCEED_AWARD, LOT_NOT_AWARDED, CONTRACTOR_NOT_AWARDED, NO_CONFIRMED_SHARE, LEADER_SIGNS_THE_CONTRACT',
  })
  createContract(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CreateContractDto,
  ): Promise<ContractView> {
    return this.contracts.createContract(actor, id, dto);
  }

  @Get('tenders/:id/contracts')
  @ApiOperation({ summary: "A tender's contracts (those of the partners whose finance you see)" })
  @ApiOkResponse({ type: [ContractView] })
  listContracts(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<ContractView[]> {
    return this.contracts.listContracts(actor, id);
  }

  @Post('tenders/:id/invoices')
  @ApiOperation({
    summary: "Record a contractor's invoice and allocate it to the partners",
    description:
      "Leader's contract: addressed to the leader and split by the partners' confirmed shares of the lot — " +
      'net, VAT and gross each add up to the invoice to the grosz, every part within 1 grosz of its exact ' +
      'share. Separate contracts: `organisationId` names the billed partner, allocated wholly to it. ' +
      "A contract's invoices may not exceed it.",
  })
  @ApiCreatedResponse({ type: InvoiceView })
  @ApiBadRequestResponse({
    description: 'gross ≠ net + vat (field `gross`, rule `netPlusVat`), bad NIP, …',
  })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiConflictResponse({
    description: `INVOICE_DUPLICATE (same number for the contractor); ${NOT_OPEN}`,
  })
  @ApiUnprocessableEntityResponse({
    description:
      'INVOICE_EXCEEDS_CONTRACT, NO_CONTRACT, INVOICE_CONTRACTOR_MISMATCH, NO_CONFIRMED_SHARES',
  })
  createInvoice(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CreateInvoiceDto,
  ): Promise<InvoiceView> {
    return this.invoices.createInvoice(actor, id, dto);
  }

  @Get('tenders/:id/invoices')
  @ApiOperation({ summary: "A tender's invoices with the allocations you may see" })
  @ApiOkResponse({ type: [InvoiceView] })
  listInvoices(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<InvoiceView[]> {
    return this.invoices.listInvoices(actor, id);
  }

  @Post('tenders/:id/payments')
  @ApiOperation({
    summary: 'Schedule a payment: advance, targeted subsidy, refund or invoice payment',
    description:
      'ADVANCE and SUBSIDY: partner → leader; REFUND: leader → partner; INVOICE_PAYMENT: the addressee → ' +
      'contractor. A SUBSIDY needs the council resolution, agreement date, term of use and settlement date; ' +
      'its return deadline is computed (15 days after the term of use, ufp art. 251). The due date becomes ' +
      "a PAYMENT deadline with reminders for the payer's treasurer.",
  })
  @ApiCreatedResponse({ type: PaymentView })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiConflictResponse({ description: NOT_OPEN })
  @ApiUnprocessableEntityResponse({
    description:
      'PAYMENT_KIND_NOT_IN_MODEL, PAYMENT_BETWEEN_LEADER_AND_ITSELF, PAYMENT_EXCEEDS_INVOICE, PAYMENT_NOT_BY_ADDRESSEE, SUBSIDY_NOT_SETTLED, REFUND_EXCEEDS_UNUSED',
  })
  createPayment(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CreatePaymentDto,
  ): Promise<PaymentView> {
    return this.payments.createPayment(actor, id, dto);
  }

  @Get('tenders/:id/payments')
  @ApiOperation({ summary: "A tender's payments (those of the partners whose finance you see)" })
  @ApiOkResponse({ type: [PaymentView] })
  listPayments(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<PaymentView[]> {
    return this.payments.listPayments(actor, id);
  }

  @Get('payments/:id')
  @ApiOperation({ summary: 'One payment with its status and deadline' })
  @ApiOkResponse({ type: PaymentView })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  getPayment(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<PaymentView> {
    return this.payments.getPayment(actor, id);
  }

  @Post('payments/:id/paid')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark a payment paid (date and bank reference); completes its deadline',
  })
  @ApiOkResponse({ type: PaymentView })
  @ApiForbiddenResponse({
    description: "Only the payer's treasurer or the leader's officers and treasurer",
  })
  @ApiConflictResponse({
    description: `PAYMENT_ALREADY_PAID, PAYMENT_VERSION_CONFLICT; ${NOT_OPEN}`,
  })
  markPaid(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: MarkPaidDto,
  ): Promise<PaymentView> {
    return this.payments.markPaid(actor, id, dto);
  }

  @Post('payments/:id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Cancel a scheduled (unpaid) payment entered by mistake, with the reason; its deadline is cancelled and reminders stop; the payment stays listed as CANCELLED',
  })
  @ApiOkResponse({ type: PaymentView })
  @ApiForbiddenResponse({
    description: "Only the payer's treasurer or the leader's officers and treasurer",
  })
  @ApiConflictResponse({
    description: `PAYMENT_ALREADY_PAID (reverse it instead), PAYMENT_CANCELLED, PAYMENT_VERSION_CONFLICT; ${NOT_OPEN}`,
  })
  cancelPayment(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CorrectionReasonDto,
  ): Promise<PaymentView> {
    return this.paymentCorrections.cancelPayment(actor, id, dto);
  }

  @Post('payments/:id/reverse')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Storno: reverse a payment recorded as paid by mistake, with the reason; it is due again (new deadline), the reversed record stays in `reversal`',
  })
  @ApiOkResponse({ type: PaymentView })
  @ApiForbiddenResponse({
    description: "Only the payer's treasurer or the leader's officers and treasurer",
  })
  @ApiConflictResponse({
    description: `PAYMENT_NOT_PAID, SUBSIDY_ALREADY_SETTLED, PAYMENT_VERSION_CONFLICT; ${NOT_OPEN}`,
  })
  reversePayment(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CorrectionReasonDto,
  ): Promise<PaymentView> {
    return this.paymentCorrections.reversePayment(actor, id, dto);
  }

  @Post('invoices/:id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Cancel an invoice recorded by mistake while nothing is paid on it, with the reason; its scheduled payments are cancelled; it stays listed, marked, and counts for nothing in the settlement',
  })
  @ApiOkResponse({ type: InvoiceView })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiConflictResponse({ description: `INVOICE_HAS_PAYMENTS, INVOICE_CANCELLED; ${NOT_OPEN}` })
  cancelInvoice(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CorrectionReasonDto,
  ): Promise<InvoiceView> {
    return this.invoices.cancelInvoice(actor, id, dto);
  }

  @Post('invoices/:id/correct')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Record a correcting invoice (faktura korygująca) of an invoice: its own number and date, the reason, the amounts after the correction',
    description:
      'A new invoice record referencing the corrected one, which stays listed with `correctedBy` ' +
      '("skorygowana fakturą nr …") and counts for nothing. The amounts after the correction are split by ' +
      "the weights of the corrected invoice (as an invoice of those amounts would be); each partner's " +
      'difference (`correction.allocations`, signed) is its part after less its part before, and they add up ' +
      'to the difference to the grosz. Naming an invoice already corrected corrects its latest state. ' +
      'Payments stay on the first invoice of the chain; what is payable, and its PAYMENT deadline, follow ' +
      'the latest state (lowered below what is paid: an overpayment in the settlement).',
  })
  @ApiCreatedResponse({ type: InvoiceView })
  @ApiBadRequestResponse({
    description:
      'Invalid input: `reason` missing, an amount negative or malformed (`amountFormat`), gross ≠ net + vat (`netPlusVat`)',
  })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiConflictResponse({
    description: `INVOICE_DUPLICATE, INVOICE_CANCELLED, INVOICE_VERSION_CONFLICT; ${NOT_OPEN}`,
  })
  @ApiUnprocessableEntityResponse({
    description:
      'RULE_VIOLATED: issuedOn `notBeforeCorrectedInvoice` / `notInFuture`, vat `vatFollowsLotRate`, gross `notBelowScheduled`; INVOICE_EXCEEDS_CONTRACT',
  })
  correctInvoice(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CorrectInvoiceDto,
  ): Promise<InvoiceView> {
    return this.corrections.correctInvoice(actor, id, dto);
  }

  @Post('contracts/:id/amend')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Amend a contract (aneks): signing day, reason and the amounts after it; the amounts before stay in `amendments`',
  })
  @ApiOkResponse({ type: ContractView })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiConflictResponse({ description: `CONTRACT_CANCELLED; ${NOT_OPEN}` })
  @ApiUnprocessableEntityResponse({
    description: 'AMENDMENT_BELOW_INVOICED, CONTRACTS_EXCEED_AWARD, RULE_VIOLATED (signedOn, VAT)',
  })
  amendContract(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: AmendContractDto,
  ): Promise<ContractView> {
    return this.contracts.amendContract(actor, id, dto);
  }

  @Post('contracts/:id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Cancel a contract recorded by mistake, with the reason (its invoices cancelled first)',
  })
  @ApiOkResponse({ type: ContractView })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiConflictResponse({ description: `CONTRACT_HAS_INVOICES, CONTRACT_CANCELLED; ${NOT_OPEN}` })
  cancelContract(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CorrectionReasonDto,
  ): Promise<ContractView> {
    return this.contracts.cancelContract(actor, id, dto);
  }

  @Post('payments/:id/settlement/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Cancel a subsidy settlement recorded by mistake, with the reason: the subsidy is unsettled again (settle it anew); its unpaid refund and that refund's deadline are cancelled",
  })
  @ApiOkResponse({ type: PaymentView })
  @ApiForbiddenResponse({ description: "Only the leader's procurement officers and treasurer" })
  @ApiConflictResponse({
    description: `SUBSIDY_NOT_SETTLED, REFUND_ALREADY_PAID (reverse the refund first), PAYMENT_VERSION_CONFLICT; ${NOT_OPEN}`,
  })
  @ApiUnprocessableEntityResponse({ description: 'NOT_A_SUBSIDY' })
  cancelSettlement(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CorrectionReasonDto,
  ): Promise<PaymentView> {
    return this.subsidyCorrections.cancelSettlement(actor, id, dto);
  }

  @Post('payments/:id/settle')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Settle a targeted subsidy: what was used; the unused rest becomes a REFUND due by the return deadline',
  })
  @ApiOkResponse({ type: SettleSubsidyView })
  @ApiForbiddenResponse({ description: "Only the leader's procurement officers and treasurer" })
  @ApiConflictResponse({
    description: `SUBSIDY_ALREADY_SETTLED, PAYMENT_VERSION_CONFLICT; ${NOT_OPEN}`,
  })
  @ApiUnprocessableEntityResponse({
    description: 'NOT_A_SUBSIDY, SUBSIDY_NOT_RECEIVED, USED_EXCEEDS_SUBSIDY',
  })
  settle(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: SettleSubsidyDto,
  ): Promise<SettleSubsidyView> {
    return this.subsidies.settleSubsidy(actor, id, dto);
  }

  @Get('tenders/:id/settlement.csv')
  @ApiOperation({
    summary: 'The settlement as CSV for finance departments (UTF-8 with BOM, `;`, decimal comma)',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'One row per partner you may see, and a RAZEM (totals) row for the leader',
    schema: {
      type: 'string',
      example:
        'Organizacja;NIP;Rola;Liczba faktur;Przypisano netto;…\r\nGmina Liszki;9990000000;partner;1;18918,92;…',
    },
  })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  async settlementCsv(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { filename, body } = await this.settlements.csv(actor, id);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`);
    return body;
  }

  @Get('tenders/:id/settlement')
  @ApiOperation({
    summary:
      'Per-partner settlement: allocated invoices, paid, refunded, subsidies, balance, next due',
    description:
      "balance = paid − refunded − receivedFromPartners − allocated.gross (negative: the partner owes). The leader's " +
      'officers and treasurer see every partner and the totals, which reconcile with the invoices; a partner’s ' +
      'treasurer, head and coordinator see that partner only.',
  })
  @ApiOkResponse({ type: SettlementView })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  settlement(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<SettlementView> {
    return this.settlements.settlement(actor, id);
  }

  @Get('tenders/:id/settlement/:organisationId')
  @ApiOperation({ summary: "One partner's settlement" })
  @ApiOkResponse({ type: SettlementView })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  partnerSettlement(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('organisationId', UuidParam) organisationId: string,
  ): Promise<SettlementView> {
    return this.settlements.settlement(actor, id, organisationId);
  }
}
