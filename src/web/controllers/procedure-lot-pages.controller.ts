import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { todayInWarsaw } from '../../common/dates';
import { UuidParam } from '../../common/http';
import {
  APPEAL_STATUSES,
  DecideAppealDto,
  EvaluationService,
  PlannedAmountDto,
  ProcedureService,
  RecommendDto,
  RecordAppealDto,
  RecordOfferDto,
  SetCriteriaDto,
  type LotProcedureView,
} from '../../procedure';
import {
  CRITERIA_ROWS,
  appealInput,
  criteriaInput,
  decisionInput,
  offerInput,
  plannedInput,
  recommendInput,
  type Form,
} from '../procedure-forms';
import { pln } from '../web-format';
import type { FieldErrorView } from '../web-pages.service';
import { APPEAL_STATUS_PL } from '../web-words';
import { WebActor, WebController, type WebRequest } from '../web.decorators';
import {
  BEFORE_OPENING,
  ProcedurePagesSupport,
  appealRows,
  offerRow,
  outcomeLine,
  rankingRows,
  tenderHead,
} from './procedure-support';
import { fieldErrors } from './sign-in.controller';

interface FormState {
  errors?: FieldErrorView[];
  form?: Form;
}

const LOT = 'postepowania/:id/procedura/czesci/:lotId';

/**
 * One lot's procedure: the amount planned for financing, the criteria (until the opening), the
 * offers as recorded from the platform, the ranking the service computes, the committee's
 * recommendation, appeals; the head's approval and the cancellation of the lot have review pages
 * (procedure-decisions-pages.controller.ts).
 */
@WebController()
export class ProcedureLotPagesController {
  constructor(
    private readonly support: ProcedurePagesSupport,
    private readonly procedure: ProcedureService,
    private readonly evaluation: EvaluationService,
  ) {}

  @Get(LOT)
  async page(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('lotId', UuidParam) lotId: string,
  ): Promise<FastifyReply> {
    return this.render(req, reply, actor, id, lotId);
  }

  @Post(`${LOT}/kwota`)
  async planned(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('lotId', UuidParam) lotId: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const href = await this.lotHref(actor, id, lotId);
    return this.support.submit(req, reply, {
      cls: PlannedAmountDto,
      input: plannedInput(body),
      run: (dto) => this.procedure.setPlannedAmount(actor, lotId, dto),
      done: {
        to: `${href}#kwota`,
        text: 'Zapisano kwotę, jaką zamawiający zamierzają przeznaczyć na sfinansowanie części.',
      },
      again: (errors) => this.render(req, reply, actor, id, lotId, { errors, form: body }, 422),
      stale: `${href}#kwota`,
    });
  }

  @Post(`${LOT}/kryteria`)
  async criteria(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('lotId', UuidParam) lotId: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const href = await this.lotHref(actor, id, lotId);
    return this.support.submit(req, reply, {
      cls: SetCriteriaDto,
      input: criteriaInput(body),
      run: (dto) => this.procedure.setCriteria(actor, lotId, dto),
      done: { to: `${href}#kryteria`, text: 'Zapisano kryteria oceny ofert.' },
      again: (errors) => this.render(req, reply, actor, id, lotId, { errors, form: body }, 422),
      stale: `${href}#kryteria`,
    });
  }

  @Post(`${LOT}/oferty`)
  async offer(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('lotId', UuidParam) lotId: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const ctx = await this.support.load(actor, id);
    const lot = this.support.lotOf(ctx, lotId);
    const href = `${ctx.base}/czesci/${lotId}`;
    const input = offerInput(
      body,
      lot.criteria.filter((c) => c.kind !== 'PRICE'),
    );
    return this.support.submit(req, reply, {
      cls: RecordOfferDto,
      input,
      codes: {
        OFFER_AFTER_DEADLINE: {
          field: 'receivedAt',
          message:
            'Oferta wpłynęła po terminie składania ofert: takiej oferty się nie otwiera, podlega odrzuceniu (art. 226 ust. 1 pkt 1 Pzp).',
        },
      },
      run: (dto) => this.evaluation.recordOffer(actor, lotId, dto),
      done: {
        to: `${href}#oferty`,
        text: `Zapisano ofertę: ${input.plain.contractorName}, ${pln(input.plain.priceGross)} brutto. Ranking obejmuje ją od razu.`,
      },
      again: (errors) => this.render(req, reply, actor, id, lotId, { errors, form: body }, 422),
      stale: `${href}#oferty`,
    });
  }

  @Post(`${LOT}/rekomendacja`)
  async recommend(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('lotId', UuidParam) lotId: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const href = await this.lotHref(actor, id, lotId);
    const ranking = {
      field: 'recommendation',
      message: 'Komisja rekomenduje ofertę najwyżej ocenioną w rankingu; odśwież stronę.',
    };
    return this.support.submit(req, reply, {
      cls: RecommendDto,
      input: recommendInput(body),
      codes: {
        NOT_THE_BEST_OFFER: ranking,
        OFFERS_TIE: {
          field: 'recommendation',
          message:
            'Oferty mają tyle samo punktów i tę samą cenę: wezwij wykonawców do złożenia ofert dodatkowych (art. 248 Pzp).',
        },
        NO_VALID_OFFER: {
          field: 'recommendation',
          message:
            'W tej części nie ma ważnej oferty; część można unieważnić (art. 255 pkt 1 lub 2 Pzp).',
        },
      },
      run: (dto) => this.evaluation.recommend(actor, lotId, dto),
      done: {
        to: `${href}#wynik`,
        text: 'Zapisano rekomendację komisji. Wybór zatwierdza kierownik zamawiającego.',
      },
      again: (errors) => this.render(req, reply, actor, id, lotId, { errors, form: body }, 422),
      stale: `${href}#wynik`,
    });
  }

  @Post(`${LOT}/odwolania`)
  async appeal(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('lotId', UuidParam) lotId: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const href = await this.lotHref(actor, id, lotId);
    return this.support.submit(req, reply, {
      cls: RecordAppealDto,
      input: appealInput(body),
      run: (dto) => this.evaluation.recordAppeal(actor, lotId, dto),
      done: {
        to: `${href}#odwolania`,
        text: 'Zapisano odwołanie. Do jego rozstrzygnięcia nie można zawrzeć umowy w tej części.',
      },
      again: (errors) => this.render(req, reply, actor, id, lotId, { errors, form: body }, 422),
      stale: `${href}#odwolania`,
    });
  }

  @Post(`${LOT}/odwolania/:appealId`)
  async decide(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('lotId', UuidParam) lotId: string,
    @Param('appealId', UuidParam) appealId: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const href = await this.lotHref(actor, id, lotId);
    return this.support.submit(req, reply, {
      cls: DecideAppealDto,
      input: decisionInput(body, appealId),
      run: (dto) => this.evaluation.decideAppeal(actor, appealId, dto),
      done: { to: `${href}#odwolania`, text: 'Zapisano rozstrzygnięcie odwołania.' },
      again: (errors) => this.render(req, reply, actor, id, lotId, { errors, form: body }, 422),
      stale: `${href}#odwolania`,
    });
  }

  /** The lot's page address, after checking that the lot belongs to the tender (else 404). */
  private async lotHref(actor: Actor, id: string, lotId: string): Promise<string> {
    const ctx = await this.support.load(actor, id);
    this.support.lotOf(ctx, lotId);
    return `${ctx.base}/czesci/${lotId}`;
  }

  private async render(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    lotId: string,
    state: FormState = {},
    status = 200,
  ): Promise<FastifyReply> {
    const ctx = await this.support.load(actor, id);
    const lot = this.support.lotOf(ctx, lotId);
    const form = state.form ?? {};
    const s = ctx.tender.status;
    const opened = s === 'OFFERS_OPENED';
    const open = lot.outcome === 'PENDING' || lot.outcome === 'RECOMMENDED';
    const rows = rankingRows(lot);
    const best = rows.find((r) => r.best);
    const href = `${ctx.base}/czesci/${lotId}`;
    return this.support.pages.render(
      req,
      reply,
      'procedura-czesc',
      {
        title: `Część ${lot.number} – procedura – ${ctx.tender.reference}`,
        errors: state.errors,
        ...fieldErrors(state.errors ?? []),
        tender: tenderHead(ctx.tender),
        base: ctx.base,
        href,
        lot: { ...lot, outcomeLine: outcomeLine(lot) },
        officer: ctx.officer,
        plannedForm:
          ctx.officer && ['READY', 'PUBLISHED'].includes(s)
            ? {
                amount: form.plannedAmount ?? '',
                reason: form.plannedReason ?? '',
              }
            : null,
        criteriaForm: ctx.officer && BEFORE_OPENING.includes(s) ? criteriaFormOf(lot, form) : null,
        offers: lot.offers.map((o) => ({
          ...offerRow(lot, o),
          rejectHref:
            ctx.officer && opened && open && o.status === 'VALID'
              ? `${href}/oferty/${o.id}/odrzucenie`
              : null,
        })),
        offerForm: ctx.officer && opened && open ? offerFormOf(lot, form) : null,
        criteriaHeads: lot.criteria.map((c) => `${c.name} (${c.weight} pkt)`),
        ranking: rows,
        tie: lot.evaluation.tie,
        recommendForm:
          ctx.officer && opened && lot.outcome === 'PENDING' && best && lot.evaluation.tie !== 'TIE'
            ? {
                offerId: best.offerId,
                text:
                  form.recommendation ??
                  `Komisja rekomenduje wybór oferty nr ${best.offerNumber} (${best.contractorName}) jako najkorzystniejszej: ${best.total} pkt.`,
              }
            : null,
        approve: ctx.head && opened && lot.outcome === 'RECOMMENDED',
        awaitingHead: !ctx.head && lot.outcome === 'RECOMMENDED',
        cancelHref:
          ctx.officer && ['PUBLISHED', 'OFFERS_OPENED'].includes(s) && open
            ? `${href}/uniewaznienie`
            : null,
        appeals: appealRows(lot).map((a) => ({
          ...a,
          form: ctx.officer && a.pending ? decisionFormOf(a.id, a.version, href, form) : null,
        })),
        appealForm:
          ctx.officer && ['PUBLISHED', 'OFFERS_OPENED', 'AWARDED'].includes(s)
            ? {
                appellant: form.appellant ?? '',
                filedOn: form.filedOn ?? todayInWarsaw(),
                kioReference: form.kioReference ?? '',
                subject: form.subject ?? '',
              }
            : null,
      },
      status,
    );
  }
}

function criteriaFormOf(lot: LotProcedureView, form: Form) {
  const price = lot.criteria.find((c) => c.kind === 'PRICE');
  const others = lot.criteria.filter((c) => c.kind !== 'PRICE');
  const posted = Object.keys(form).length > 0;
  return {
    quality: posted ? form.quality === 'tak' : lot.qualityStandardsDescribed,
    rows: Array.from({ length: CRITERIA_ROWS }, (_, i) => {
      const saved = i === 0 ? price : others[i - 1];
      const direction = posted ? form[`c${i}Direction`] : saved?.direction;
      return {
        i,
        price: i === 0,
        n: i + 1,
        key: saved?.key ?? '',
        name: posted ? (form[`c${i}Name`] ?? '') : (saved?.name ?? (i === 0 ? 'Cena' : '')),
        weight: posted ? (form[`c${i}Weight`] ?? '') : String(saved?.weight ?? ''),
        directions: [
          {
            value: 'HIGHER_BETTER',
            label: 'wyższa wartość jest lepsza',
            selected: direction !== 'LOWER_BETTER',
          },
          {
            value: 'LOWER_BETTER',
            label: 'niższa wartość jest lepsza',
            selected: direction === 'LOWER_BETTER',
          },
        ],
      };
    }),
  };
}

function offerFormOf(lot: LotProcedureView, form: Form) {
  return {
    contractorName: form.contractorName ?? '',
    contractorNip: form.contractorNip ?? '',
    contractorAddress: form.contractorAddress ?? '',
    priceNet: form.priceNet ?? '',
    priceGross: form.priceGross ?? '',
    receivedDate: form.receivedDate ?? '',
    receivedTime: form.receivedTime ?? '',
    values: lot.criteria
      .filter((c) => c.kind !== 'PRICE')
      .map((c) => ({
        id: `value-${c.key}`,
        label: `${c.name} (${c.direction === 'LOWER_BETTER' ? 'niższa wartość jest lepsza' : 'wyższa wartość jest lepsza'})`,
        value: form[`value-${c.key}`] ?? '',
      })),
  };
}

function decisionFormOf(appealId: string, version: number, href: string, form: Form) {
  const p = `d-${appealId}`;
  return {
    action: `${href}/odwolania/${appealId}`,
    version,
    statusId: `${p}-status`,
    onId: `${p}-on`,
    noteId: `${p}-note`,
    on: form[`${p}-on`] ?? todayInWarsaw(),
    note: form[`${p}-note`] ?? '',
    statuses: APPEAL_STATUSES.filter((x) => x !== 'PENDING').map((x) => ({
      value: x,
      label: APPEAL_STATUS_PL[x],
      selected: form[`${p}-status`] === x,
    })),
  };
}
