import { borrowRelation } from '../common/db';
import type { EntityManager } from 'typeorm';
import { Lot } from '../tenders';
import { Appeal } from './appeal.entity';
import { Committee, CommitteeMember } from './committee.entity';
import { LotProcedure } from './lot-procedure.entity';
import { ProcedureNotice } from './notice.entity';
import { Offer } from './offer.entity';
import { loadOfferValidity } from './offer-validity';
import { evaluate } from './procedure-view';
import type { Criterion } from './scoring';
import { organisationRows } from '../organisations';
import { auditRows } from '../audit';

/** What the PROTOCOL prints of the procedure: plain data, scores computed as the API shows them. */
export interface ProcedureRecord {
  notices: {
    type: 'CONTRACT_NOTICE' | 'RESULT_NOTICE';
    medium: 'BZP' | 'TED';
    number: string;
    publishedAt: string;
    ocid: string | null;
  }[];
  committee: {
    orderNumber: string;
    orderDate: string;
    members: {
      name: string;
      function: 'HEAD' | 'CHAIR' | 'SECRETARY' | 'MEMBER';
      statementOn: string | null;
      conflict: boolean | null;
      excluded: boolean;
    }[];
  } | null;
  openedAt: string | null;
  offerValidity: {
    until: string;
    originalUntil: string;
    basis: string;
    extension: {
      requestedOn: string;
      previousUntil: string;
      validUntil: string;
      reason: string;
      basis: string;
    } | null;
  } | null;
  lots: {
    number: number;
    title: string;
    criteria: Criterion[];
    plannedAmountGross: number | null;
    plannedBasis: 'SHARES' | 'OTHER' | null;
    plannedReason: string | null;
    offers: {
      number: number;
      contractorName: string;
      contractorNip: string;
      contractorAddress: string;
      priceNet: number;
      priceGross: number;
      criteriaValues: Record<string, number>;
      receivedAt: string;
      status: 'VALID' | 'REJECTED';
      rejectionPoint: number | null;
      rejectionReason: string | null;
      points: Record<string, number> | null;
      total: number | null;
      place: number | null;
    }[];
    outcome: 'PENDING' | 'RECOMMENDED' | 'AWARDED' | 'CANCELLED';
    tie: 'NONE' | 'LOWER_PRICE' | 'TIE';
    selectedOfferNumber: number | null;
    recommendation: string | null;
    recommendedAt: string | null;
    approvedAt: string | null;
    approvedByName: string | null;
    cancelPoint: number | null;
    cancelReason: string | null;
    cancelledAt: string | null;
    appeals: {
      appellant: string;
      filedOn: string;
      kioReference: string | null;
      subject: string;
      status: 'PENDING' | 'DISMISSED' | 'UPHELD' | 'WITHDRAWN' | 'DISCONTINUED';
      decidedOn: string | null;
      outcomeNote: string | null;
    }[];
    contracts: {
      organisationName: string;
      contractorName: string;
      signedOn: string;
      amountNet: number;
      amountGross: number;
    }[];
  }[];
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export async function loadProcedureRecord(
  manager: EntityManager,
  tenderId: string,
): Promise<ProcedureRecord> {
  const [lots, rows, offers, appeals, notices, committee, members] = await Promise.all([
    manager.getRepository(Lot).find({ where: { tenderId }, order: { number: 'ASC' } }),
    manager.getRepository(LotProcedure).find({ where: { tenderId } }),
    manager.getRepository(Offer).find({ where: { tenderId }, order: { number: 'ASC' } }),
    manager
      .getRepository(Appeal)
      .find({ where: { tenderId }, order: { filedOn: 'ASC', createdAt: 'ASC' } }),
    manager
      .getRepository(ProcedureNotice)
      .find({ where: { tenderId }, order: { publishedAt: 'ASC' } }),
    manager.getRepository(Committee).findOne({ where: { tenderId } }),
    manager
      .getRepository(CommitteeMember)
      .find({ where: { tenderId }, order: { createdAt: 'ASC', id: 'ASC' } }),
  ]);
  const [opened] = await manager.query<{ at: Date }[]>(
    `SELECT COALESCE((data->>'at')::timestamptz, occurred_at) AS at FROM ${auditRows} audit_events
      WHERE tender_id = $1 AND action = 'tender.transitioned' AND data->>'to' = 'OFFERS_OPENED'
      ORDER BY occurred_at LIMIT 1`,
    [tenderId],
  );
  const validity = await loadOfferValidity(manager, tenderId);
  const contracts = await manager.query<
    {
      lot_id: string;
      organisation_name: string;
      contractor_name: string;
      signed_on: string;
      amount_net: string;
      amount_gross: string;
    }[]
  >(
    `SELECT c.lot_id, o.name AS organisation_name, c.contractor_name, c.signed_on::text AS signed_on,
            c.amount_net, c.amount_gross
       FROM ${borrowRelation('contracts')} c JOIN ${organisationRows} o ON o.id = c.organisation_id
      WHERE c.tender_id = $1 ORDER BY c.signed_on, o.name`,
    [tenderId],
  );
  return {
    notices: notices.map((n) => ({
      type: n.type,
      medium: n.medium,
      number: n.number,
      publishedAt: n.publishedAt.toISOString(),
      ocid: n.ocid,
    })),
    committee: committee
      ? {
          orderNumber: committee.orderNumber,
          orderDate: committee.orderDate,
          members: members.map((m) => ({
            name: m.name,
            function: m.function,
            statementOn: m.statementOn,
            conflict: m.conflict,
            excluded: m.excludedAt !== null,
          })),
        }
      : null,
    openedAt: opened ? new Date(opened.at).toISOString() : null,
    offerValidity: validity
      ? {
          until: validity.until,
          originalUntil: validity.originalUntil,
          basis: validity.basis,
          extension: validity.extension
            ? {
                requestedOn: validity.extension.requestedOn,
                previousUntil: validity.extension.previousUntil,
                validUntil: validity.extension.validUntil,
                reason: validity.extension.reason,
                basis: validity.extension.basis,
              }
            : null,
        }
      : null,
    lots: lots.map((lot) => {
      const row = rows.find((r) => r.lotId === lot.id) ?? null;
      const lotOffers = offers.filter((o) => o.lotId === lot.id);
      const criteria = row?.criteria ?? [];
      const ranking = evaluate(criteria, lotOffers);
      return {
        number: lot.number,
        title: lot.title,
        criteria,
        plannedAmountGross: row?.plannedAmountGross ?? null,
        plannedBasis: row?.plannedBasis ?? null,
        plannedReason: row?.plannedReason ?? null,
        offers: lotOffers.map((o) => {
          const scored = ranking.ranked.find((r) => r.offerId === o.id);
          return {
            number: o.number,
            contractorName: o.contractorName,
            contractorNip: o.contractorNip,
            contractorAddress: o.contractorAddress,
            priceNet: o.priceNet,
            priceGross: o.priceGross,
            criteriaValues: o.criteriaValues,
            receivedAt: o.receivedAt.toISOString(),
            status: o.status,
            rejectionPoint: o.rejectionPoint,
            rejectionReason: o.rejectionReason,
            points: scored ? Object.fromEntries(scored.scores.map((s) => [s.key, s.points])) : null,
            total: scored?.total ?? null,
            place: scored?.place ?? null,
          };
        }),
        outcome: row?.outcome ?? 'PENDING',
        tie: ranking.tie,
        selectedOfferNumber: lotOffers.find((o) => o.id === row?.selectedOfferId)?.number ?? null,
        recommendation: row?.recommendation ?? null,
        recommendedAt: iso(row?.recommendedAt ?? null),
        approvedAt: iso(row?.approvedAt ?? null),
        approvedByName: row?.approvedByName ?? null,
        cancelPoint: row?.cancelPoint ?? null,
        cancelReason: row?.cancelReason ?? null,
        cancelledAt: iso(row?.cancelledAt ?? null),
        appeals: appeals
          .filter((a) => a.lotId === lot.id)
          .map((a) => ({
            appellant: a.appellant,
            filedOn: a.filedOn,
            kioReference: a.kioReference,
            subject: a.subject,
            status: a.status,
            decidedOn: a.decidedOn,
            outcomeNote: a.outcomeNote,
          })),
        contracts: contracts
          .filter((c) => c.lot_id === lot.id)
          .map((c) => ({
            organisationName: c.organisation_name,
            contractorName: c.contractor_name,
            signedOn: c.signed_on,
            amountNet: Number(c.amount_net),
            amountGross: Number(c.amount_gross),
          })),
      };
    }),
  };
}

/** Ids of the tender's lots whose procedure was cancelled (art. 255 Pzp). */
export async function cancelledLotIds(manager: EntityManager, tenderId: string): Promise<string[]> {
  const rows = await manager.query<{ lot_id: string }[]>(
    `SELECT lot_id FROM lot_procedures WHERE tender_id = $1 AND outcome = 'CANCELLED'`,
    [tenderId],
  );
  return rows.map((r) => r.lot_id);
}
