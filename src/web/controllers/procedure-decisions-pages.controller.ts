import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { forbidden } from '../../common/errors';
import { UuidParam } from '../../common/http';
import {
  ApproveDto,
  CancelLotDto,
  EvaluationService,
  RejectOfferDto,
  type LotProcedureView,
} from '../../procedure';
import { cancelInput, errorsPl, intInput, rejectInput, type Form } from '../procedure-forms';
import { pln } from '../web-format';
import { validateAs } from '../web-validate';
import type { FieldErrorView } from '../web-pages.service';
import { CANCEL_POINT_PL, REJECTION_POINT_PL } from '../web-words';
import { WebActor, WebController, type WebRequest } from '../web.decorators';
import {
  ProcedurePagesSupport,
  offerRow,
  pointOptions,
  rankingRows,
  tenderHead,
  type ProcedureContext,
} from './procedure-support';
import { fieldErrors } from './sign-in.controller';

const LOT = 'postepowania/:id/procedura/czesci/:lotId';
const OFFER = `${LOT}/oferty/:offerId/odrzucenie`;

interface Decision {
  ctx: ProcedureContext;
  lot: LotProcedureView;
  /** The page's heading and what the act does. */
  heading: string;
  effect: string;
  action: string;
  button: string;
  danger: boolean;
  facts: { label: string; value: string }[];
  /** The form of the basis and reason (rejection, cancellation); null for the approval. */
  basis: { options: { value: string; label: string; selected: boolean }[]; legend: string } | null;
  form: Form;
  version: number;
}

/**
 * The procedure's legal commitments, each with a review page before the final button (WCAG
 * 3.3.4): rejecting an offer (art. 226 ust. 1 pkt N), the head's approval of the selection (the
 * award of the lot) and cancelling a lot (art. 255 pkt N). The review shows exactly what will be
 * recorded; the final POST checks the version the review was made for.
 */
@WebController()
export class ProcedureDecisionsPagesController {
  constructor(
    private readonly support: ProcedurePagesSupport,
    private readonly evaluation: EvaluationService,
  ) {}

  @Get(OFFER)
  async rejectForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('offerId', UuidParam) offerId: string,
  ): Promise<FastifyReply> {
    return this.show(req, reply, await this.rejection(actor, id, offerId, {}), 'form');
  }

  @Post(`${OFFER}/sprawdz`)
  async rejectReview(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('offerId', UuidParam) offerId: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const d = await this.rejection(actor, id, offerId, body);
    return this.review(req, reply, d, RejectOfferDto, rejectInput(body));
  }

  @Post(OFFER)
  async reject(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('offerId', UuidParam) offerId: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const d = await this.rejection(actor, id, offerId, body);
    const lotHref = `${d.ctx.base}/czesci/${d.lot.lotId}`;
    return this.support.submit(req, reply, {
      cls: RejectOfferDto,
      input: rejectInput(body),
      run: (dto) => this.evaluation.rejectOffer(actor, offerId, dto),
      done: {
        to: `${lotHref}#oferty`,
        text: 'Odrzucono ofertę. Ranking obejmuje już tylko oferty ważne.',
      },
      again: (errors) => this.show(req, reply, d, 'form', errors, 422),
      stale: `${lotHref}#oferty`,
    });
  }

  @Post(`${LOT}/zatwierdzenie/sprawdz`)
  async approveReview(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('lotId', UuidParam) lotId: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const d = await this.approval(actor, id, lotId, body);
    return this.review(req, reply, d, ApproveDto, {
      plain: { version: intInput(body.version) },
      table: {},
    });
  }

  @Post(`${LOT}/zatwierdzenie`)
  async approve(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('lotId', UuidParam) lotId: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const d = await this.approval(actor, id, lotId, body);
    const lotHref = `${d.ctx.base}/czesci/${lotId}`;
    return this.support.submit(req, reply, {
      cls: ApproveDto,
      input: { plain: { version: intInput(body.version) }, table: {} },
      run: (dto) => this.evaluation.approve(actor, lotId, dto),
      done: {
        to: `${lotHref}#wynik`,
        text: `Zatwierdzono wybór oferty najkorzystniejszej w części ${d.lot.number}.`,
      },
      again: () => this.support.pages.redirect(req, reply, `${lotHref}#wynik`),
      stale: `${lotHref}#wynik`,
    });
  }

  @Get(`${LOT}/uniewaznienie`)
  async cancelForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('lotId', UuidParam) lotId: string,
  ): Promise<FastifyReply> {
    return this.show(req, reply, await this.cancellation(actor, id, lotId, {}), 'form');
  }

  @Post(`${LOT}/uniewaznienie/sprawdz`)
  async cancelReview(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('lotId', UuidParam) lotId: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const d = await this.cancellation(actor, id, lotId, body);
    return this.review(req, reply, d, CancelLotDto, cancelInput(body));
  }

  @Post(`${LOT}/uniewaznienie`)
  async cancel(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('lotId', UuidParam) lotId: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const d = await this.cancellation(actor, id, lotId, body);
    const lotHref = `${d.ctx.base}/czesci/${lotId}`;
    return this.support.submit(req, reply, {
      cls: CancelLotDto,
      input: cancelInput(body),
      run: (dto) => this.evaluation.cancelLot(actor, lotId, dto),
      done: {
        to: `${lotHref}#wynik`,
        text: `Unieważniono postępowanie w części ${d.lot.number}; udziały partnerów w tej części zwolniono.`,
      },
      again: (errors) => this.show(req, reply, d, 'form', errors, 422),
      stale: `${lotHref}#wynik`,
    });
  }

  private async rejection(actor: Actor, id: string, offerId: string, form: Form) {
    const ctx = await this.support.load(actor, id);
    if (!ctx.officer) throw forbidden('FORBIDDEN', "Only the leader's officers reject offers");
    const { lot, offer } = this.support.offerOf(ctx, offerId);
    const row = offerRow(lot, offer);
    return {
      ctx,
      lot,
      heading: `Odrzucenie oferty nr ${offer.number} w części ${lot.number}`,
      effect:
        'Oferta zostanie odrzucona z podaną podstawą i uzasadnieniem; nie będzie oceniana. Wykonawca może wnieść odwołanie do KIO. Tej czynności nie cofa się w systemie.',
      action: `${ctx.base}/czesci/${lot.lotId}/oferty/${offer.id}/odrzucenie`,
      button: 'Odrzuć ofertę',
      danger: true,
      facts: [
        { label: 'Wykonawca', value: `${offer.contractorName}, NIP ${offer.contractorNip}` },
        { label: 'Adres', value: offer.contractorAddress },
        { label: 'Cena brutto', value: offer.priceGross },
        ...row.values.map((v) => ({ label: v.name, value: String(v.value) })),
      ],
      basis: {
        legend: 'Podstawa odrzucenia: art. 226 ust. 1 Pzp',
        options: pointOptions(REJECTION_POINT_PL, form.point),
      },
      form,
      version: offer.version,
    } satisfies Decision;
  }

  private async approval(actor: Actor, id: string, lotId: string, form: Form) {
    const ctx = await this.support.load(actor, id);
    if (!ctx.head) throw forbidden('FORBIDDEN', "Only the leader's head approves the selection");
    const lot = this.support.lotOf(ctx, lotId);
    const selected = lot.offers.find((o) => o.id === lot.selectedOfferId);
    const place = rankingRows(lot).find((r) => r.offerId === lot.selectedOfferId);
    return {
      ctx,
      lot,
      heading: `Zatwierdzenie wyboru oferty w części ${lot.number}`,
      effect:
        'Jako kierownik zamawiającego zatwierdzasz rekomendację komisji: oferta zostaje wybrana jako najkorzystniejsza, a jej cena netto staje się wartością udzielonego zamówienia w tej części, według której partnerzy rozliczają koszty.',
      action: `${ctx.base}/czesci/${lotId}/zatwierdzenie`,
      button: 'Zatwierdzam wybór oferty',
      danger: false,
      facts: [
        {
          label: 'Wybrana oferta',
          value: selected ? `nr ${selected.number}, ${selected.contractorName}` : '—',
        },
        { label: 'Cena netto', value: selected?.priceNet ?? '' },
        { label: 'Cena brutto', value: selected?.priceGross ?? '' },
        { label: 'Punkty', value: place ? `${place.total} pkt (miejsce ${place.place})` : '—' },
        { label: 'Rekomendacja komisji', value: lot.recommendation ?? '—' },
      ],
      basis: null,
      form,
      version: lot.version,
    } satisfies Decision;
  }

  private async cancellation(actor: Actor, id: string, lotId: string, form: Form) {
    const ctx = await this.support.load(actor, id);
    if (!ctx.officer) throw forbidden('FORBIDDEN', "Only the leader's officers cancel a lot");
    const lot = this.support.lotOf(ctx, lotId);
    return {
      ctx,
      lot,
      heading: `Unieważnienie postępowania w części ${lot.number}`,
      effect:
        'Postępowanie w tej części zostanie unieważnione z podaną podstawą z art. 255 Pzp; pozostałe części toczą się dalej. Udziały partnerów w tej części zostaną zwolnione, a jej terminy odwołane. Tego nie można cofnąć.',
      action: `${ctx.base}/czesci/${lotId}/uniewaznienie`,
      button: 'Unieważnij część',
      danger: true,
      facts: [
        { label: 'Część', value: `${lot.number}: ${lot.title}` },
        { label: 'Kwota na sfinansowanie (brutto)', value: lot.plannedAmountGross ?? '—' },
        { label: 'Oferty', value: String(lot.offers.length) },
      ],
      basis: {
        legend: 'Podstawa unieważnienia: art. 255 Pzp',
        options: pointOptions(CANCEL_POINT_PL, form.point),
      },
      form,
      version: lot.version,
    } satisfies Decision;
  }

  /** Checks the form by the DTO; the review page, or the form again with the errors. */
  private async review<T extends object>(
    req: WebRequest,
    reply: FastifyReply,
    d: Decision,
    cls: new () => T,
    input: { plain: Record<string, unknown>; table: Parameters<typeof errorsPl>[1] },
  ): Promise<FastifyReply> {
    if (String(d.version) !== (d.form.version ?? ''))
      return this.support.pages.redirect(req, reply, `${d.ctx.base}/czesci/${d.lot.lotId}`, {
        kind: 'info',
        text: 'W międzyczasie ktoś inny zmienił dane tej części postępowania. Poniżej jest ich aktualny stan; sprawdź go i spróbuj ponownie.',
      });
    const { violations } = await validateAs(cls, input.plain);
    if (violations.length > 0)
      return this.show(req, reply, d, 'form', errorsPl(violations, input.table), 422);
    return this.show(req, reply, d, 'review');
  }

  private show(
    req: WebRequest,
    reply: FastifyReply,
    d: Decision,
    mode: 'form' | 'review',
    errors: FieldErrorView[] = [],
    status = 200,
  ): Promise<FastifyReply> {
    const chosen = d.basis?.options.find((o) => o.selected);
    return this.support.pages.render(
      req,
      reply,
      'procedura-decyzja',
      {
        title: mode === 'review' ? `Sprawdź: ${d.heading}` : d.heading,
        errors,
        ...fieldErrors(errors),
        tender: tenderHead(d.ctx.tender),
        base: d.ctx.base,
        lotHref: `${d.ctx.base}/czesci/${d.lot.lotId}`,
        lot: d.lot,
        review: mode === 'review',
        heading: d.heading,
        effect: d.effect,
        action: mode === 'review' ? d.action : `${d.action}/sprawdz`,
        button: d.button,
        danger: d.danger,
        facts: d.facts.map((f) => ({
          ...f,
          value: /^\d+\.\d{2}$/.test(f.value) ? pln(f.value) : f.value,
        })),
        basis: d.basis,
        chosen: chosen?.label ?? '',
        point: d.form.point ?? '',
        reason: (d.form.reason ?? '').trim(),
        version: mode === 'review' ? (d.form.version ?? '') : String(d.version),
      },
      status,
    );
  }
}
