import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { DomainError, notFound } from '../../common/errors';
import {
  ProcedureService,
  type LotProcedureView,
  type OfferView,
  type ProcedureView,
} from '../../procedure';
import { TendersService, type TenderView } from '../../tenders';
import { refusalPl, type FieldTable } from '../procedure-forms';
import { tenderBadge } from '../web-view-models';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import {
  APPEAL_STATUS_PL,
  CANCEL_POINT_PL,
  LOT_OUTCOME_PL,
  OFFER_STATUS_PL,
  PROCEDURE_ERROR_PL,
  REJECTION_POINT_PL,
  TENDER_STATUS_PL,
} from '../web-words';
import type { WebRequest } from '../web.decorators';

export interface ProcedureContext {
  tender: TenderView;
  procedure: ProcedureView;
  /** A procurement officer of the leader: may record the procedure. */
  officer: boolean;
  /** The leader's head (kierownik zamawiającego): approves the selection. */
  head: boolean;
  base: string;
}

export const BEFORE_OPENING = ['DRAFT', 'COLLECTING_SHARES', 'READY', 'PUBLISHED'];

/** What a form posts, its DTO class, and what to do with the result. */
export interface Submission<T extends object> {
  cls: new () => T;
  input: { plain: Record<string, unknown>; table: FieldTable };
  codes?: Record<string, { field: string; message: string }>;
  run: (dto: T) => Promise<unknown>;
  /** Where the next GET goes, and the message it shows. */
  done: { to: string; text: string };
  /** The page of the form again, with the errors (422). */
  again: (errors: FieldErrorView[]) => Promise<FastifyReply>;
  /** Where a form made for an older state lands. */
  stale: string;
}

/**
 * What the procedure pages share: the tender and its procedure read with the actor's access (404
 * for a tender the person may not see), the lot of the address, and one way to submit a form —
 * the DTO's rules, then the service's, each refusal in Polish on its field; a form made for an
 * older state lands on the page with the current state and a message, never an error page.
 */
@Injectable()
export class ProcedurePagesSupport {
  constructor(
    readonly pages: WebPages,
    private readonly tenders: TendersService,
    private readonly procedure: ProcedureService,
  ) {}

  async load(actor: Actor, tenderId: string): Promise<ProcedureContext> {
    const tender = await this.tenders.get(actor, tenderId);
    const procedure = await this.procedure.view(actor, tenderId);
    const officer = tender.allowedActions.some(
      (a) => a === 'update' || a.startsWith('transition:'),
    );
    const head =
      actor.admin ||
      actor.memberships.some(
        (m) => m.organisationId === tender.leaderOrganisationId && m.role === 'HEAD',
      );
    return { tender, procedure, officer, head, base: `/postepowania/${tenderId}/procedura` };
  }

  lotOf(ctx: ProcedureContext, lotId: string): LotProcedureView {
    const lot = ctx.procedure.lots.find((l) => l.lotId === lotId);
    if (!lot) throw notFound('Lot', lotId);
    return lot;
  }

  offerOf(ctx: ProcedureContext, offerId: string): { lot: LotProcedureView; offer: OfferView } {
    for (const lot of ctx.procedure.lots) {
      const offer = lot.offers.find((o) => o.id === offerId);
      if (offer) return { lot, offer };
    }
    throw notFound('Offer', offerId);
  }

  submit<T extends object>(
    req: WebRequest,
    reply: FastifyReply,
    s: Submission<T>,
  ): Promise<FastifyReply> {
    return this.pages.submit(req, reply, {
      dto: s.cls,
      input: s.input.plain,
      invalid: (violations) =>
        refusalPl(new DomainError(400, 'VALIDATION_FAILED', '', violations), s.input.table) ?? [],
      run: s.run,
      refused: (err) => refusalPl(err, s.input.table, s.codes),
      again: s.again,
      stale: (err) => ({
        to: s.stale,
        text: PROCEDURE_ERROR_PL[err.code] ?? PROCEDURE_ERROR_PL.PROCEDURE_STEP_NOT_ALLOWED,
      }),
      done: () => s.done,
    });
  }
}

/** The tender as the procedure pages show it at the top. */
export function tenderHead(tender: TenderView) {
  return {
    ...tender,
    badge: tenderBadge(tender.status),
    statusLabel: TENDER_STATUS_PL[tender.status] ?? tender.status,
  };
}

export function offerRow(lot: LotProcedureView, o: OfferView) {
  const others = lot.criteria.filter((c) => c.kind !== 'PRICE');
  return {
    ...o,
    statusLabel: OFFER_STATUS_PL[o.status] ?? o.status,
    rejected: o.status === 'REJECTED',
    values: others.map((c) => ({ name: c.name, value: o.criteriaValues[c.key] ?? '—' })),
    rejection:
      o.rejectionPoint !== null
        ? `art. 226 ust. 1 pkt ${o.rejectionPoint} Pzp (${REJECTION_POINT_PL[o.rejectionPoint] ?? ''}): ${o.rejectionReason ?? ''}`
        : null,
  };
}

/** The lot's ranking with the contractors' names and points in the criteria's order. */
export function rankingRows(lot: LotProcedureView) {
  return lot.evaluation.ranked.map((r) => {
    const offer = lot.offers.find((o) => o.id === r.offerId);
    return {
      ...r,
      offerNumber: offer?.number,
      contractorName: offer?.contractorName ?? '',
      priceGross: offer?.priceGross,
      best: r.offerId === lot.evaluation.bestOfferId,
      scores: lot.criteria.map((c) => r.points[c.key] ?? '—'),
    };
  });
}

export function outcomeLine(lot: LotProcedureView): string {
  const label = LOT_OUTCOME_PL[lot.outcome] ?? lot.outcome;
  if (lot.outcome === 'CANCELLED' && lot.cancelPoint !== null)
    return `${label}: art. 255 pkt ${lot.cancelPoint} Pzp (${CANCEL_POINT_PL[lot.cancelPoint] ?? ''})`;
  const selected = lot.offers.find((o) => o.id === lot.selectedOfferId);
  if (selected && (lot.outcome === 'AWARDED' || lot.outcome === 'RECOMMENDED'))
    return `${label}: oferta nr ${selected.number}, ${selected.contractorName}`;
  return label;
}

export function appealRows(lot: LotProcedureView) {
  return lot.appeals.map((a) => ({
    ...a,
    statusLabel: APPEAL_STATUS_PL[a.status] ?? a.status,
    pending: a.status === 'PENDING',
  }));
}

export function pointOptions(table: Record<number, string>, selected: unknown) {
  return Object.entries(table).map(([n, label]) => ({
    value: n,
    label: `pkt ${n}: ${label}`,
    selected: String(selected) === n,
  }));
}
