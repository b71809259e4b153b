import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { formatAmount } from '../common/money';
import { DeadlineWriter } from '../schedule';
import { ContractAmendment } from './contract-amendment.entity';
import { Contract } from './contract.entity';
import type { AllocationView, ContractView, InvoiceView, PaymentView } from './dto/finance.dto';
import type { InvoiceCorrectionView } from './dto/invoice.dto';
import { Invoice } from './invoice.entity';
import { payerOf, PAYMENT_KIND_PL, paymentStatus } from './payment-kinds';
import { Payment } from './payment.entity';
import { FinanceAccess } from './finance-access.service';

/** The API views of contracts, invoices (with allocations) and payments (with their deadline). */
@Injectable()
export class FinanceViews {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: FinanceAccess,
    private readonly deadlines: DeadlineWriter,
  ) {}

  async contractViews(
    manager: EntityManager,
    where: { id?: string; tenderId?: string },
  ): Promise<ContractView[]> {
    const rows = await manager
      .getRepository(Contract)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.lot', 'l')
      .innerJoinAndSelect('c.organisation', 'o')
      .where(where.id ? 'c.id = :id' : 'c.tender_id = :tenderId', where)
      .orderBy('l.number', 'ASC')
      .addOrderBy('o.name', 'ASC')
      .getMany();
    const amendments = new Map<string, ContractAmendment[]>();
    if (rows.length > 0) {
      const list = await manager.getRepository(ContractAmendment).find({
        where: { contractId: In(rows.map((c) => c.id)) },
        order: { createdAt: 'ASC' },
      });
      for (const a of list)
        amendments.set(a.contractId, [...(amendments.get(a.contractId) ?? []), a]);
    }
    return rows.map((c) => ({
      id: c.id,
      tenderId: c.tenderId,
      lotId: c.lotId,
      lotNumber: c.lot.number,
      organisationId: c.organisationId,
      organisationName: c.organisation.name,
      contractorName: c.contractorName,
      contractorNip: c.contractorNip,
      amountNet: formatAmount(c.amountNet),
      amountGross: formatAmount(c.amountGross),
      signedOn: c.signedOn,
      createdAt: c.createdAt.toISOString(),
      cancelledAt: c.cancelledAt?.toISOString() ?? null,
      cancelReason: c.cancelReason,
      amendments: (amendments.get(c.id) ?? []).map((a) => ({
        signedOn: a.signedOn,
        reason: a.reason,
        amountNetBefore: formatAmount(a.amountNetBefore),
        amountNet: formatAmount(a.amountNet),
        amountGrossBefore: formatAmount(a.amountGrossBefore),
        amountGross: formatAmount(a.amountGross),
      })),
    }));
  }

  async invoiceViews(
    manager: EntityManager,
    where: { id?: string; tenderId?: string },
  ): Promise<InvoiceView[]> {
    const rows = await manager
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .leftJoinAndSelect('i.allocations', 'a')
      .leftJoinAndSelect('a.organisation', 'o')
      .where(where.id ? 'i.id = :id' : 'i.tender_id = :tenderId', where)
      .orderBy('i.issued_on', 'ASC')
      .addOrderBy('i.created_at', 'ASC')
      .addOrderBy('o.name', 'ASC')
      .getMany();
    const linked = await this.linkedInvoices(manager, rows);
    return rows.map((i) => ({
      id: i.id,
      tenderId: i.tenderId,
      lotId: i.lotId,
      contractId: i.contractId,
      organisationId: i.organisationId,
      number: i.number,
      contractorNip: i.contractorNip,
      issuedOn: i.issuedOn,
      dueOn: i.dueOn,
      net: formatAmount(i.net),
      vat: formatAmount(i.vat),
      gross: formatAmount(i.gross),
      allocations: i.allocations.map((a): AllocationView => ({
        organisationId: a.organisationId,
        organisationName: a.organisation.name,
        weight: formatAmount(a.weight),
        net: formatAmount(a.net),
        vat: formatAmount(a.vat),
        gross: formatAmount(a.gross),
      })),
      cancelledAt: i.cancelledAt?.toISOString() ?? null,
      cancelReason: i.cancelReason,
      version: i.version,
      inForce: !i.cancelledAt && !i.correctedById,
      correction: correctionView(i, linked),
      correctedBy: i.correctedById
        ? { invoiceId: i.correctedById, number: linked.get(i.correctedById)?.number ?? '' }
        : null,
    }));
  }

  /** The invoices a correction chain names (corrected, original, correcting), with allocations. */
  private async linkedInvoices(
    manager: EntityManager,
    rows: Invoice[],
  ): Promise<Map<string, Invoice>> {
    const ids = [
      ...new Set(
        rows.flatMap((i) => [i.correctsInvoiceId, i.originalInvoiceId, i.correctedById]),
      ),
    ].filter((id): id is string => id !== null);
    if (ids.length === 0) return new Map();
    const linked = await manager
      .getRepository(Invoice)
      .find({ where: { id: In(ids) }, relations: { allocations: true } });
    return new Map(linked.map((i) => [i.id, i]));
  }

  async paymentView(id: string): Promise<PaymentView> {
    const [view] = await this.paymentViews(this.dataSource.manager, { id });
    return view;
  }

  async paymentViews(
    manager: EntityManager,
    where: { id?: string; tenderId?: string },
  ): Promise<PaymentView[]> {
    const rows = await manager
      .getRepository(Payment)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.organisation', 'o')
      .innerJoinAndSelect('p.tender', 't')
      .where(where.id ? 'p.id = :id' : 'p.tender_id = :tenderId', where)
      .orderBy('p.due_on', 'ASC')
      .addOrderBy('p.created_at', 'ASC')
      .getMany();
    const deadlines = new Map<string, string>();
    if (rows.length > 0) {
      const ds = await this.deadlines.findBySubjects(
        manager,
        'payment',
        rows.map((p) => p.id),
      );
      for (const d of ds) if (d.subjectId) deadlines.set(d.subjectId, d.id);
    }
    const today = this.access.today();
    return rows.map((p) => {
      const leader = p.tender.leaderOrganisationId;
      const payer = payerOf(p, leader);
      return {
        id: p.id,
        tenderId: p.tenderId,
        organisationId: p.organisationId,
        organisationName: p.organisation.name,
        kind: p.kind,
        kindLabel: PAYMENT_KIND_PL[p.kind],
        payerOrganisationId: payer,
        payeeOrganisationId:
          p.kind === 'INVOICE_PAYMENT' ? null : p.kind === 'REFUND' ? p.organisationId : leader,
        cancelledAt: p.cancelledAt?.toISOString() ?? null,
        cancelReason: p.cancelReason,
        reversal:
          p.reversedAt && p.reversedPaidOn
            ? {
                paidOn: p.reversedPaidOn,
                reference: p.reversedReference,
                reversedAt: p.reversedAt.toISOString(),
                reason: p.reversalReason ?? '',
              }
            : null,
        amount: formatAmount(p.amount),
        dueOn: p.dueOn,
        paidOn: p.paidOn,
        reference: p.reference,
        status: paymentStatus(p, today),
        description: p.description,
        invoiceId: p.invoiceId,
        subsidyId: p.subsidyId,
        resolutionNumber: p.resolutionNumber,
        agreementSignedOn: p.agreementSignedOn,
        useUntil: p.useUntil,
        settlementDueOn: p.settlementDueOn,
        returnDueOn: p.returnDueOn,
        returnBasis: p.returnBasis,
        usedAmount: p.usedAmount === null ? null : formatAmount(p.usedAmount),
        settledOn: p.settledOn,
        deadlineId: deadlines.get(p.id) ?? null,
        version: p.version,
      };
    });
  }
}

/** A correcting invoice's view: what it corrects, why, and the signed differences per partner. */
function correctionView(i: Invoice, linked: Map<string, Invoice>): InvoiceCorrectionView | null {
  if (!i.correctsInvoiceId || !i.originalInvoiceId) return null;
  const before = linked.get(i.correctsInvoiceId);
  const d = (a: number, b: number | undefined) => formatAmount(a - (b ?? 0));
  const beforeOf = (org: string) => before?.allocations.find((a) => a.organisationId === org);
  return {
    correctsInvoiceId: i.correctsInvoiceId,
    correctsNumber: before?.number ?? '',
    originalInvoiceId: i.originalInvoiceId,
    originalNumber: linked.get(i.originalInvoiceId)?.number ?? '',
    reason: i.correctionReason ?? '',
    difference: {
      net: d(i.net, before?.net),
      vat: d(i.vat, before?.vat),
      gross: d(i.gross, before?.gross),
    },
    allocations: i.allocations.map((a) => ({
      organisationId: a.organisationId,
      organisationName: a.organisation.name,
      net: d(a.net, beforeOf(a.organisationId)?.net),
      vat: d(a.vat, beforeOf(a.organisationId)?.vat),
      gross: d(a.gross, beforeOf(a.organisationId)?.gross),
    })),
  };
}
