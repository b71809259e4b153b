import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { todayInWarsaw } from '../../common/dates';
import { UuidParam } from '../../common/http';
import {
  AppointCommitteeDto,
  ExtendOfferValidityDto,
  MEMBER_FUNCTIONS,
  ProcedureService,
  RecordNoticeDto,
  StatementDto,
} from '../../procedure';
import {
  COMMITTEE_ROWS,
  committeeInput,
  extensionInput,
  noticeInput,
  statementInput,
  type Form,
} from '../procedure-forms';
import { fieldErrors } from './sign-in.controller';
import type { FieldErrorView } from '../web-pages.service';
import { MEMBER_FUNCTION_PL, NOTICE_MEDIUM_PL, NOTICE_TYPE_PL } from '../web-words';
import { WebActor, WebController, type WebRequest } from '../web.decorators';
import {
  ProcedurePagesSupport,
  appealRows,
  outcomeLine,
  rankingRows,
  tenderHead,
  type ProcedureContext,
} from './procedure-support';

interface FormState {
  errors?: FieldErrorView[];
  form?: Form;
}

/** The default members of a new committee form: the head first, then the chair and members. */
const ROW_FUNCTIONS = ['HEAD', 'CHAIR', 'SECRETARY', 'MEMBER', 'MEMBER', 'MEMBER'];

/**
 * Procedura: the procedure of one tender in the officer's view — the notice, the committee with
 * the art. 56 statements, the offer validity with its extension, and per lot the planned amount,
 * criteria, offers, ranking, outcome and appeals (each lot's own page records them). Everyone who
 * sees the tender reads it; the leader's officers get the forms.
 */
@WebController()
export class ProcedurePagesController {
  constructor(
    private readonly support: ProcedurePagesSupport,
    private readonly procedure: ProcedureService,
  ) {}

  @Get('postepowania/:id/procedura')
  async page(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    return this.render(req, reply, actor, id);
  }

  @Post('postepowania/:id/procedura/ogloszenie')
  async notice(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const base = `/postepowania/${id}/procedura`;
    return this.support.submit(req, reply, {
      cls: RecordNoticeDto,
      input: noticeInput(body),
      run: (dto) => this.procedure.recordNotice(actor, id, dto),
      done: {
        to: `${base}#ogloszenia`,
        text: `Zapisano ${NOTICE_TYPE_PL[body.type === 'RESULT_NOTICE' ? 'RESULT_NOTICE' : 'CONTRACT_NOTICE'].toLowerCase()}.`,
      },
      again: (errors) => this.render(req, reply, actor, id, { errors, form: body }, 422),
      stale: `${base}#ogloszenia`,
    });
  }

  @Post('postepowania/:id/procedura/komisja')
  async committee(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const base = `/postepowania/${id}/procedura`;
    return this.support.submit(req, reply, {
      cls: AppointCommitteeDto,
      input: committeeInput(body),
      run: (dto) => this.procedure.appointCommittee(actor, id, dto),
      done: {
        to: `${base}#komisja`,
        text: 'Zapisano powołanie komisji przetargowej. Teraz zapisz oświadczenia z art. 56 Pzp.',
      },
      again: (errors) => this.render(req, reply, actor, id, { errors, form: body }, 422),
      stale: `${base}#komisja`,
    });
  }

  @Post('postepowania/:id/procedura/komisja/:memberId/oswiadczenie')
  async statement(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('memberId', UuidParam) memberId: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const base = `/postepowania/${id}/procedura`;
    const ctx = await this.support.load(actor, id);
    const member = ctx.procedure.committee?.members.find((m) => m.id === memberId);
    if (!member) return this.support.pages.redirect(req, reply, `${base}#komisja`);
    const input = statementInput(body, memberId);
    return this.support.submit(req, reply, {
      cls: StatementDto,
      input,
      run: (dto) => this.procedure.recordStatement(actor, memberId, dto),
      done: {
        to: `${base}#komisja`,
        text:
          input.plain.conflict === true
            ? `Zapisano oświadczenie: ${member.name} zgłasza konflikt interesów i zostaje wyłączony(-a) z czynności w postępowaniu.`
            : `Zapisano oświadczenie: ${member.name} – brak konfliktu interesów.`,
      },
      again: (errors) => this.render(req, reply, actor, id, { errors, form: body }, 422),
      stale: `${base}#komisja`,
    });
  }

  @Post('postepowania/:id/procedura/zwiazanie-oferta')
  async extension(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const base = `/postepowania/${id}/procedura`;
    return this.support.submit(req, reply, {
      cls: ExtendOfferValidityDto,
      input: extensionInput(body),
      codes: {
        OFFER_VALIDITY_NOT_SCHEDULED: {
          field: 'validUntil',
          message: 'Harmonogram nie ma terminu związania ofertą: najpierw zastosuj harmonogram.',
        },
      },
      run: (dto) => this.procedure.extendOfferValidity(actor, id, dto),
      done: { to: `${base}#zwiazanie`, text: 'Zapisano przedłużenie terminu związania ofertą.' },
      again: (errors) => this.render(req, reply, actor, id, { errors, form: body }, 422),
      stale: `${base}#zwiazanie`,
    });
  }

  private async render(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    state: FormState = {},
    status = 200,
  ): Promise<FastifyReply> {
    const ctx = await this.support.load(actor, id);
    const { tender, procedure } = ctx;
    const form = state.form ?? {};
    return this.support.pages.render(
      req,
      reply,
      'procedura',
      {
        title: `Procedura – ${tender.reference}`,
        errors: state.errors,
        ...fieldErrors(state.errors ?? []),
        tender: tenderHead(tender),
        officer: ctx.officer,
        notices: procedure.notices.map((n) => ({
          ...n,
          typeLabel: NOTICE_TYPE_PL[n.type] ?? n.type,
          mediumLabel: NOTICE_MEDIUM_PL[n.medium] ?? n.medium,
        })),
        ocid: procedure.ocid,
        noticeForm: ctx.officer && noticeFormOf(ctx, form),
        committee: committeeOf(ctx, form),
        committeeForm:
          ctx.officer &&
          !procedure.committee &&
          ['READY', 'PUBLISHED'].includes(tender.status) &&
          committeeFormOf(form),
        validity: validityOf(ctx, form),
        lots: procedure.lots.map((l) => {
          const best = rankingRows(l).find((r) => r.best);
          return {
            ...l,
            href: `${ctx.base}/czesci/${l.lotId}`,
            criteriaLine:
              l.criteria.map((c) => `${c.name} ${c.weight} pkt`).join(', ') || 'nie ustalono',
            valid: l.offers.filter((o) => o.status === 'VALID').length,
            rejected: l.offers.filter((o) => o.status === 'REJECTED').length,
            best: best
              ? `oferta nr ${best.offerNumber}, ${best.contractorName} (${best.total} pkt)`
              : null,
            tie: l.evaluation.tie === 'TIE',
            outcomeLine: outcomeLine(l),
            pendingAppeals: appealRows(l).filter((a) => a.pending).length,
            appeals: l.appeals.length,
          };
        }),
      },
      status,
    );
  }
}

/** The contract notice while READY; the result notice once the outcome is known. */
function noticeFormOf(ctx: ProcedureContext, form: Form) {
  const type =
    ctx.tender.status === 'READY'
      ? 'CONTRACT_NOTICE'
      : ['AWARDED', 'CONTRACTED', 'SETTLED', 'CANCELLED'].includes(ctx.tender.status)
        ? 'RESULT_NOTICE'
        : null;
  if (!type || ctx.procedure.notices.some((n) => n.type === type)) return null;
  return {
    type,
    heading: `Zapisz ${NOTICE_TYPE_PL[type].toLowerCase()}`,
    medium: ['BZP', 'TED'].map((m) => ({
      value: m,
      label: NOTICE_MEDIUM_PL[m],
      selected: (form.medium ?? 'BZP') === m,
    })),
    number: form.number ?? '',
    publishedDate: form.publishedDate ?? todayInWarsaw(),
    publishedTime: form.publishedTime ?? '',
    ocid: form.ocid ?? ctx.procedure.ocid ?? '',
  };
}

function committeeFormOf(form: Form) {
  return {
    orderNumber: form.orderNumber ?? '',
    orderDate: form.orderDate ?? todayInWarsaw(),
    rows: Array.from({ length: COMMITTEE_ROWS }, (_, i) => ({
      n: i + 1,
      nameId: `member${i}Name`,
      functionId: `member${i}Function`,
      name: form[`member${i}Name`] ?? '',
      functions: MEMBER_FUNCTIONS.map((f) => ({
        value: f,
        label: MEMBER_FUNCTION_PL[f],
        selected: (form[`member${i}Function`] ?? ROW_FUNCTIONS[i]) === f,
      })),
    })),
  };
}

function committeeOf(ctx: ProcedureContext, form: Form) {
  const c = ctx.procedure.committee;
  if (!c) return null;
  const mayState =
    ctx.officer && ['READY', 'PUBLISHED', 'OFFERS_OPENED'].includes(ctx.tender.status);
  return {
    ...c,
    members: c.members.map((m) => ({
      ...m,
      functionLabel: MEMBER_FUNCTION_PL[m.function] ?? m.function,
      statementDate: m.statementOn,
      form:
        mayState && m.conflict === null
          ? {
              action: `${ctx.base}/komisja/${m.id}/oswiadczenie`,
              onId: `s-${m.id}-on`,
              on: form[`s-${m.id}-on`] ?? todayInWarsaw(),
              noId: `s-${m.id}-nie`,
              yesId: `s-${m.id}-tak`,
              name: `s-${m.id}-conflict`,
              conflict: form[`s-${m.id}-conflict`] === 'tak',
              noteId: `s-${m.id}-note`,
              note: form[`s-${m.id}-note`] ?? '',
            }
          : null,
    })),
  };
}

function validityOf(ctx: ProcedureContext, form: Form) {
  const v = ctx.procedure.offerValidity;
  if (!v) return null;
  const mayExtend =
    ctx.officer &&
    !v.extension &&
    ['PUBLISHED', 'OFFERS_OPENED', 'AWARDED'].includes(ctx.tender.status);
  return {
    ...v,
    form: mayExtend
      ? {
          requestedOn: form.requestedOn ?? todayInWarsaw(),
          validUntil: form.validUntil ?? '',
          reason: form.extensionReason ?? '',
        }
      : null,
  };
}
