import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { formatAmount } from '../common/money';
import type { Appeal } from './appeal.entity';
import type { Committee, CommitteeMember } from './committee.entity';
import type { LotProcedure } from './lot-procedure.entity';
import type { ProcedureNotice } from './notice.entity';
import type { Offer } from './offer.entity';
import { formatPoints, rankOffers, type Criterion, type Ranking } from './scoring';

export class NoticeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CONTRACT_NOTICE' }) type: string;
  @ApiProperty({ example: 'BZP' }) medium: string;
  @ApiProperty({ example: '2027/BZP 00012345/01' }) number: string;
  @ApiProperty({ example: '2027-01-11T09:15:00.000Z' }) publishedAt: string;
  @ApiProperty({ example: 'ocds-148610-6b3f1c2e-7a4d-11ef-9f1a-aa1c3d5e0001', nullable: true })
  ocid: string | null;
}

export class MemberView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Anna Nowak' }) name: string;
  @ApiProperty({ example: 'CHAIR' }) function: string;
  @ApiProperty({ format: 'uuid', nullable: true }) userId: string | null;
  @ApiProperty({ example: '2027-01-26', nullable: true }) statementOn: string | null;
  @ApiProperty({ example: false, nullable: true }) conflict: boolean | null;
  @ApiProperty({ example: false }) excluded: boolean;
}

export class CommitteeView {
  @ApiProperty({ example: '0050.12.2027' }) orderNumber: string;
  @ApiProperty({ example: '2027-01-12' }) orderDate: string;
  @ApiProperty({ type: [MemberView] }) members: MemberView[];
}

export class OfferView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 1 }) number: number;
  @ApiProperty({ example: 'Drogbud Sp. z o.o.' }) contractorName: string;
  @ApiProperty({ example: '8567346215' }) contractorNip: string;
  @ApiProperty({ example: 'ul. Krakowska 12, 32-050 Skawina' }) contractorAddress: string;
  @ApiProperty({ example: '1000000.00' }) priceNet: string;
  @ApiProperty({ example: '1230000.00' }) priceGross: string;
  @ApiProperty({ example: { warranty: 60 } }) criteriaValues: Record<string, number>;
  @ApiProperty({ example: '2027-01-25T08:41:00.000Z' }) receivedAt: string;
  @ApiProperty({ example: 'VALID' }) status: string;
  @ApiPropertyOptional({ example: 5, nullable: true }) rejectionPoint: number | null;
  @ApiPropertyOptional({ nullable: true }) rejectionReason: string | null;
  @ApiProperty({ example: 1 }) version: number;
}

export class RankingRowView {
  @ApiProperty({ format: 'uuid' }) offerId: string;
  @ApiProperty({ example: 1 }) place: number;
  @ApiProperty({ example: { price: '60,00', warranty: '40,00' } }) points: Record<string, string>;
  @ApiProperty({ example: '100,00' }) total: string;
}

export class EvaluationView {
  @ApiProperty({ type: [RankingRowView] }) ranked: RankingRowView[];
  @ApiProperty({ format: 'uuid', nullable: true }) bestOfferId: string | null;
  @ApiProperty({ example: 'NONE', enum: ['NONE', 'LOWER_PRICE', 'TIE'] }) tie: string;
}

export class AppealView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Asfalt-Pol S.A.' }) appellant: string;
  @ApiProperty({ example: '2027-02-08' }) filedOn: string;
  @ApiProperty({ example: 'KIO 312/27', nullable: true }) kioReference: string | null;
  @ApiProperty() subject: string;
  @ApiProperty({ example: 'PENDING' }) status: string;
  @ApiProperty({ example: null, nullable: true }) decidedOn: string | null;
  @ApiProperty({ nullable: true }) outcomeNote: string | null;
  @ApiProperty({ example: 1 }) version: number;
}

export class LotProcedureView {
  @ApiProperty({ format: 'uuid' }) lotId: string;
  @ApiProperty({ example: 1 }) number: number;
  @ApiProperty({ example: 'Część 1: drogi w gminach zachodnich' }) title: string;
  @ApiProperty({
    example: [{ key: 'price', name: 'Cena', kind: 'PRICE', weight: 60, direction: 'LOWER_BETTER' }],
  })
  criteria: Criterion[];
  @ApiProperty({ example: false }) qualityStandardsDescribed: boolean;
  @ApiProperty({ example: '1254600.00', description: 'Sum of the confirmed shares, gross' })
  sharesGross: string;
  @ApiProperty({ example: '1254600.00', nullable: true }) plannedAmountGross: string | null;
  @ApiProperty({ example: 'SHARES', nullable: true }) plannedBasis: string | null;
  @ApiProperty({ nullable: true }) plannedReason: string | null;
  @ApiProperty({ type: [OfferView] }) offers: OfferView[];
  @ApiProperty({ type: EvaluationView }) evaluation: EvaluationView;
  @ApiProperty({ example: 'PENDING', enum: ['PENDING', 'RECOMMENDED', 'AWARDED', 'CANCELLED'] })
  outcome: string;
  @ApiProperty({ format: 'uuid', nullable: true }) selectedOfferId: string | null;
  @ApiProperty({ nullable: true }) recommendation: string | null;
  @ApiProperty({ nullable: true }) approvedByName: string | null;
  @ApiProperty({ example: null, nullable: true }) cancelPoint: number | null;
  @ApiProperty({ nullable: true }) cancelReason: string | null;
  @ApiProperty({ type: [AppealView] }) appeals: AppealView[];
  @ApiProperty({ example: 1 }) version: number;
}

export class OfferValidityExtensionView {
  @ApiProperty({ example: '2027-02-18' }) requestedOn: string;
  @ApiProperty({ example: '2027-02-24' }) previousUntil: string;
  @ApiProperty({ example: '2027-03-20' }) validUntil: string;
  @ApiProperty({ example: 'Trwa badanie rażąco niskiej ceny (art. 224 Pzp).' }) reason: string;
  @ApiProperty({ example: 'art. 220 ust. 3 i 4 Pzp' }) basis: string;
  @ApiProperty({ example: '2027-02-18T10:12:00.000Z' }) recordedAt: string;
}

export class OfferValidityView {
  @ApiProperty({ example: '2027-03-20', description: 'Last day of the offer validity in force' })
  until: string;
  @ApiProperty({ example: '2027-02-24', description: 'The day set in the SWZ (schedule)' })
  originalUntil: string;
  @ApiProperty({ example: 'art. 220 ust. 2 Pzp' }) basis: string;
  @ApiProperty({ example: 'OPEN', description: 'Status of the OFFER_VALIDITY deadline' })
  status: string;
  @ApiProperty({ type: OfferValidityExtensionView, nullable: true })
  extension: OfferValidityExtensionView | null;
}

export class ProcedureView {
  @ApiProperty({ format: 'uuid' }) tenderId: string;
  @ApiProperty({ example: 'PUBLISHED' }) status: string;
  @ApiProperty({ example: 'ocds-148610-6b3f1c2e-7a4d-11ef-9f1a-aa1c3d5e0001', nullable: true })
  ocid: string | null;
  @ApiProperty({ type: [NoticeView] }) notices: NoticeView[];
  @ApiProperty({ type: CommitteeView, nullable: true }) committee: CommitteeView | null;
  @ApiProperty({
    type: OfferValidityView,
    nullable: true,
    description: 'Termin związania ofertą from the applied schedule, with its extension',
  })
  offerValidity: OfferValidityView | null;
  @ApiProperty({ type: [LotProcedureView] }) lots: LotProcedureView[];
}

export function noticeView(n: ProcedureNotice): NoticeView {
  return {
    id: n.id,
    type: n.type,
    medium: n.medium,
    number: n.number,
    publishedAt: n.publishedAt.toISOString(),
    ocid: n.ocid,
  };
}

export function memberView(m: CommitteeMember): MemberView {
  return {
    id: m.id,
    name: m.name,
    function: m.function,
    userId: m.userId,
    statementOn: m.statementOn,
    conflict: m.conflict,
    excluded: m.excludedAt !== null,
  };
}

export function committeeView(c: Committee, members: CommitteeMember[]): CommitteeView {
  return { orderNumber: c.orderNumber, orderDate: c.orderDate, members: members.map(memberView) };
}

export function offerView(o: Offer): OfferView {
  return {
    id: o.id,
    number: o.number,
    contractorName: o.contractorName,
    contractorNip: o.contractorNip,
    contractorAddress: o.contractorAddress,
    priceNet: formatAmount(o.priceNet),
    priceGross: formatAmount(o.priceGross),
    criteriaValues: o.criteriaValues,
    receivedAt: o.receivedAt.toISOString(),
    status: o.status,
    rejectionPoint: o.rejectionPoint,
    rejectionReason: o.rejectionReason,
    version: o.version,
  };
}

export function appealView(a: Appeal): AppealView {
  return {
    id: a.id,
    appellant: a.appellant,
    filedOn: a.filedOn,
    kioReference: a.kioReference,
    subject: a.subject,
    status: a.status,
    decidedOn: a.decidedOn,
    outcomeNote: a.outcomeNote,
    version: a.version,
  };
}

/** The ranking of a lot's valid offers under its criteria. */
export function evaluate(criteria: Criterion[], offers: Offer[]): Ranking {
  return rankOffers(
    criteria,
    offers
      .filter((o) => o.status === 'VALID')
      .map((o) => ({ id: o.id, priceGross: o.priceGross, values: o.criteriaValues })),
  );
}

export function evaluationView(r: Ranking): EvaluationView {
  return {
    ranked: r.ranked.map((x) => ({
      offerId: x.offerId,
      place: x.place,
      points: Object.fromEntries(x.scores.map((s) => [s.key, formatPoints(s.points)])),
      total: formatPoints(x.total),
    })),
    bestOfferId: r.bestOfferId,
    tie: r.tie,
  };
}

export function lotProcedureView(
  lot: { id: string; number: number; title: string },
  sharesGross: number,
  row: LotProcedure | null,
  offers: Offer[],
  appeals: Appeal[],
): LotProcedureView {
  const criteria = row?.criteria ?? [];
  return {
    lotId: lot.id,
    number: lot.number,
    title: lot.title,
    criteria,
    qualityStandardsDescribed: row?.qualityStandardsDescribed ?? false,
    sharesGross: formatAmount(sharesGross),
    plannedAmountGross:
      row?.plannedAmountGross !== null && row?.plannedAmountGross !== undefined
        ? formatAmount(row.plannedAmountGross)
        : null,
    plannedBasis: row?.plannedBasis ?? null,
    plannedReason: row?.plannedReason ?? null,
    offers: offers.map(offerView),
    evaluation: evaluationView(evaluate(criteria, offers)),
    outcome: row?.outcome ?? 'PENDING',
    selectedOfferId: row?.selectedOfferId ?? null,
    recommendation: row?.recommendation ?? null,
    approvedByName: row?.approvedByName ?? null,
    cancelPoint: row?.cancelPoint ?? null,
    cancelReason: row?.cancelReason ?? null,
    appeals: appeals.map(appealView),
    version: row?.version ?? 1,
  };
}
