import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { DomainError, forbidden, notFound } from '../../common/errors';
import { UuidParam } from '../../common/http';
import { parseAmount } from '../../common/money';
import { DocumentsService } from '../../documents';
import { PartnershipsService } from '../../partnerships';
import {
  CreateShareDto,
  ShareReviewService,
  SharesService,
  ShareWithdrawalService,
  TendersService,
  UpdateShareDto,
  WithdrawShareDto,
  type LotView,
  type ShareView,
  type TenderView,
} from '../../tenders';
import { amountInput, errorsPl, type FieldTable } from '../procedure-forms';
import { SHARE_CHANGE_WORDS as WORDS, shareConsequences, type Words } from '../share-changes';
import { lotName } from '../web-format';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import type { Landing, Shown } from '../web-form';
import { TENDER_STATUS_PL } from '../web-words';
import { WebActor, WebController, type WebRequest } from '../web.decorators';
import { fieldErrors } from './sign-in.controller';

type Form = Record<string, string | undefined>;
type Mode = 'propose' | 'change' | 'withdraw';

const AMOUNT_RULE = 'Wpisz kwotę netto większą od zera, z groszami po przecinku, np. 250 000,00.';

const FIELDS: FieldTable = {
  lotId: { id: 'czesc', label: 'Część zamówienia', message: 'Wybierz część zamówienia z listy.' },
  organisationId: {
    id: 'partner',
    label: 'Partner',
    message: 'Wybierz partnera, który jest dziś członkiem partnerstwa.',
  },
  amountNet: { id: 'kwota', label: 'Kwota netto', message: AMOUNT_RULE },
  reason: {
    id: 'uzasadnienie',
    label: 'Uzasadnienie',
    message: 'Napisz, dlaczego (od 5 do 2000 znaków); partner zobaczy to w historii udziału.',
  },
};

/** The service's refusals that concern the form, in Polish on their field. */
const REFUSALS: Record<string, FieldErrorView> = {
  SHARE_EXISTS: {
    field: 'partner',
    label: 'Partner',
    message:
      'Ten partner ma już udział w tej części. Zmień kwotę jego udziału na stronie postępowania.',
  },
  TENDER_NOT_EDITABLE: {
    field: 'kwota',
    label: 'Etap postępowania',
    message: 'Na tym etapie postępowania udziałów nie można już zmieniać.',
  },
};

/** The service's refusals of a form made for an older state of the share. */
const STALE_CODES = ['SHARE_VERSION_CONFLICT', 'SHARE_ILLEGAL_TRANSITION'];

const WITHDRAWABLE = ['DRAFT', 'COLLECTING_SHARES'];

const STALE = {
  kind: 'info' as const,
  text: 'Udział zmienił się w międzyczasie (ktoś inny zmienił jego kwotę lub go potwierdził). Poniżej jest aktualny stan; sprawdź go i spróbuj ponownie.',
};

interface Target {
  tender: TenderView;
  /** The leader's officer; else a partner's coordinator declaring its own need. */
  officer: boolean;
  lot?: LotView;
  share?: ShareView;
}

interface ShareInput {
  czesc: string;
  partner: string;
  kwota: string;
  uzasadnienie: string;
  version: string;
}

/**
 * The leader's officer changes the partners' shares of an existing tender: proposes a share in a
 * lot (`SharesService.propose`, as `POST /tenders/:id/shares`), changes a share's amount with a
 * reason (`SharesService.updateAmount`, as `PATCH /shares/:id`) and withdraws a share with a
 * reason (`ShareWithdrawalService`, as `POST /shares/:id/withdraw`). Each goes through a review
 * page with its consequences (value, regime and threshold, stage, void approvals, outdated
 * documents) before the final button; input is checked by the API's DTOs.
 */
@WebController()
export class ShareChangesPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly tenders: TendersService,
    private readonly review: ShareReviewService,
    private readonly shares: SharesService,
    private readonly withdrawal: ShareWithdrawalService,
    private readonly documents: DocumentsService,
    private readonly partnerships: PartnershipsService,
  ) {}

  @Get('postepowania/:id/udzialy')
  async proposeForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    const target = await this.proposeTarget(actor, id);
    return this.form(req, reply, actor, 'propose', target, input({}));
  }

  @Post('postepowania/:id/udzialy/sprawdz')
  async proposeCheck(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    return this.check(req, reply, actor, 'propose', await this.proposeTarget(actor, id), body);
  }

  @Post('postepowania/:id/udzialy')
  async propose(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    return this.save(req, reply, actor, 'propose', await this.proposeTarget(actor, id), body);
  }

  /** `kwota` (change the amount) or `wycofanie` (withdraw): the form, its review, the save. */
  @Get('udzialy/:id/:akcja')
  async shareForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('akcja') akcja: string,
  ): Promise<FastifyReply> {
    const mode = shareMode(akcja);
    const target = await this.shareTarget(actor, id, mode);
    const amount = mode === 'change' ? target.share?.amountNet.replace('.', ',') : undefined;
    return this.form(req, reply, actor, mode, target, input({ kwota: amount }));
  }

  @Post('udzialy/:id/:akcja/sprawdz')
  async shareCheck(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('akcja') akcja: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const mode = shareMode(akcja);
    return this.check(req, reply, actor, mode, await this.shareTarget(actor, id, mode), body);
  }

  @Post('udzialy/:id/:akcja')
  async shareSave(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('akcja') akcja: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const mode = shareMode(akcja);
    return this.save(req, reply, actor, mode, await this.shareTarget(actor, id, mode), body);
  }

  /** The review page: the answers and what they lead to, before the final button. */
  private check(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    mode: Mode,
    target: Target,
    body: Form,
  ): Promise<FastifyReply> {
    return this.submit(req, reply, actor, mode, target, body, {
      run: () => Promise.resolve(),
      done: (form, lot) => ({
        show: () => this.reviewPage(req, reply, actor, mode, target, form, lot),
      }),
    });
  }

  private async reviewPage(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    mode: Mode,
    target: Target,
    form: ShareInput,
    lot: LotView | undefined,
  ): Promise<FastifyReply> {
    const share = target.share;
    const amount = parseAmount(amountInput(form.kwota) || '0.00');
    const delta =
      mode === 'propose'
        ? amount
        : mode === 'change'
          ? amount - parseAmount(share?.amountNet ?? '0.00')
          : -parseAmount(share?.amountNet ?? '0.00');
    const organisationId = share?.organisationId ?? form.partner;
    const documents = await this.documents.list(actor, target.tender.id);
    const consequences = shareConsequences(target.tender, documents, {
      organisationId,
      deltaGrosz: delta,
      voidedApprovals: (share?.approvals ?? []).filter((a) => !a.void).length,
    });
    const partners = mode === 'propose' ? await this.partnerOptions(actor, target) : [];
    return this.pages.render(req, reply, 'udzial-zmiana-sprawdz', {
      title: `${words(mode, target).review}: ${target.tender.reference}`,
      words: words(mode, target),
      [mode]: true,
      action: this.action(mode, target),
      back: this.back(target),
      tender: target.tender,
      lotLabel: lot ? lotName(lot.number, lot.title, true) : '',
      partnerName:
        share?.organisationName ?? partners.find((p) => p.value === form.partner)?.label ?? '',
      amountBefore: share?.amountNet,
      amountAfter: mode === 'withdraw' ? null : amountInput(form.kwota),
      form,
      c: consequences,
      statusLabel: TENDER_STATUS_PL[target.tender.status] ?? target.tender.status,
    });
  }

  /** The final button: the service's own transaction and audit event, then 303 to the tender. */
  private save(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    mode: Mode,
    target: Target,
    body: Form,
  ): Promise<FastifyReply> {
    const share = target.share;
    return this.submit(req, reply, actor, mode, target, body, {
      run: async (form) => {
        if (mode === 'propose')
          await this.shares.propose(actor, target.tender.id, {
            lotId: form.czesc,
            organisationId: form.partner,
            amountNet: amountInput(form.kwota),
          });
        else if (mode === 'change' && share)
          await this.shares.updateAmount(actor, share.id, {
            version: share.version,
            amountNet: amountInput(form.kwota),
            reason: form.uzasadnienie,
          });
        else if (share)
          await this.withdrawal.withdraw(actor, share.id, {
            version: share.version,
            reason: form.uzasadnienie,
          });
      },
      done: (_, lot) => {
        const who = share?.organisationName ?? '';
        return {
          to: `/postepowania/${target.tender.id}#czesci`,
          text: `${words(mode, target).done}${who ? ` (${who})` : ''}${lot ? ` w części ${lot.number}` : ''}.`,
        };
      },
    });
  }

  /**
   * The form through the mode's DTO and the page's own rules (a reason of at least 5 characters,
   * a lot of this tender, a change that changes the amount), in Polish; a form made for another
   * version, or refused by the service as one, lands on the tender with its current state.
   */
  private submit(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    mode: Mode,
    target: Target,
    body: Form,
    then: {
      run: (form: ShareInput) => Promise<void>;
      done: (form: ShareInput, lot: LotView | undefined) => Landing | Shown;
    },
  ): Promise<FastifyReply> {
    const form = input(body);
    if (this.isStale(mode, target, form)) return this.stale(req, reply, target);
    const version = target.share?.version ?? 1;
    const amountNet = amountInput(form.kwota);
    const lot = target.lot ?? target.tender.lots.find((l) => l.id === form.czesc);
    const share = target.share;
    const table: FieldTable = {
      ...FIELDS,
      amountNet: {
        ...FIELDS.amountNet,
        rules: {
          unchanged: `Wpisz kwotę inną niż obecna (${share?.amountNet.replace('.', ',')} zł netto).`,
        },
      },
    };
    const rule = (field: string, name = 'page') => ({ field, rule: name, message: '' });
    return this.pages.submit<object, void, FieldErrorView[]>(req, reply, {
      dto:
        mode === 'propose' ? CreateShareDto : mode === 'change' ? UpdateShareDto : WithdrawShareDto,
      input:
        mode === 'propose'
          ? { lotId: form.czesc, organisationId: form.partner, amountNet }
          : mode === 'change'
            ? { version, amountNet, reason: form.uzasadnienie }
            : { version, reason: form.uzasadnienie },
      check: (_, violations) => {
        const out = [...violations];
        const has = (field: string) => out.some((v) => v.field === field);
        if (mode !== 'propose' && form.uzasadnienie.length < 5 && !has('reason'))
          out.push(rule('reason'));
        if (mode === 'propose' && !lot && !has('lotId')) out.unshift(rule('lotId'));
        if (
          mode === 'change' &&
          share &&
          errorsPl(out, FIELDS).length === 0 &&
          amountNet === share.amountNet &&
          share.status !== 'CHANGE_REQUESTED'
        )
          out.push(rule('amountNet', 'unchanged'));
        return out;
      },
      invalid: (violations) => {
        const errors = errorsPl(violations, table);
        return errors.length > 0 ? errors : null;
      },
      run: () => then.run(form),
      refused: (err) => {
        if (!(err instanceof DomainError) || STALE_CODES.includes(err.code)) return null;
        const known = REFUSALS[err.code];
        if (known) return [known];
        const errors = [400, 422].includes(err.status) ? errorsPl(err.errors ?? [], FIELDS) : [];
        return errors.length > 0 ? errors : null;
      },
      again: (errors) => this.form(req, reply, actor, mode, target, form, errors),
      lands: (err) =>
        err instanceof DomainError && STALE_CODES.includes(err.code)
          ? { to: this.back(target), ...STALE }
          : null,
      done: () => then.done(form, lot),
    });
  }

  private async form(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    mode: Mode,
    target: Target,
    form: ShareInput,
    errors: FieldErrorView[] = [],
  ): Promise<FastifyReply> {
    const partners = mode === 'propose' ? await this.partnerOptions(actor, target) : [];
    return this.pages.render(
      req,
      reply,
      'udzial-zmiana',
      {
        title: `${words(mode, target).title} – ${target.tender.reference}`,
        words: words(mode, target),
        [mode]: true,
        action: `${this.action(mode, target)}/sprawdz`,
        back: this.back(target),
        tender: target.tender,
        share: target.share,
        lotLabel: target.lot ? lotName(target.lot.number, target.lot.title, true) : '',
        lots: target.tender.lots.map((l) => ({
          value: l.id,
          label: lotName(l.number, l.title, true),
          selected: l.id === form.czesc,
        })),
        partners: partners.map((p) => ({ ...p, selected: p.value === form.partner })),
        form,
        errors,
        ...fieldErrors(errors),
      },
      errors.length > 0 ? 422 : 200,
    );
  }

  /**
   * The partnership's members today (the service refuses anyone else, naming the field); for a
   * coordinator only the organisations it coordinates.
   */
  private async partnerOptions(actor: Actor, target: Target) {
    const members = await this.partnerships.membersOn(actor, target.tender.partnershipId);
    const own = (id: string) =>
      actor.memberships.some((m) => m.organisationId === id && m.role === 'COORDINATOR');
    return members
      .filter((m) => target.officer || own(m.organisation.id))
      .map((m) => ({ value: m.organisation.id, label: m.organisation.name }));
  }

  /** The leader's officer proposes any member's share; a coordinator declares its own need. */
  private async proposeTarget(actor: Actor, id: string): Promise<Target> {
    const tender = await this.tenders.get(actor, id);
    const officer = tender.allowedActions.includes('proposeShare');
    if (!officer && !tender.allowedActions.includes('declareNeed'))
      throw forbidden(
        'FORBIDDEN',
        "Only the leader's procurement officers propose shares (partners' coordinators declare their own while shares are collected)",
      );
    return { tender, officer };
  }

  /** The share with its tender (404 / 403 as its review page); the leader's officer only. */
  private async shareTarget(actor: Actor, id: string, mode: Mode): Promise<Target> {
    const { tender, lot, share } = await this.review.review(actor, id);
    const officer = tender.allowedActions.includes('proposeShare');
    const open =
      share.status !== 'WITHDRAWN' && (mode === 'change' || WITHDRAWABLE.includes(tender.status));
    if (!officer || !open)
      throw forbidden(
        'FORBIDDEN',
        "Only the leader's procurement officers change or withdraw a share, before publication",
      );
    return { tender, lot, share, officer };
  }

  private isStale(mode: Mode, target: Target, form: ShareInput): boolean {
    return mode !== 'propose' && form.version !== String(target.share?.version);
  }

  private stale(req: WebRequest, reply: FastifyReply, target: Target): Promise<FastifyReply> {
    return this.pages.redirect(req, reply, `/postepowania/${target.tender.id}#czesci`, STALE);
  }

  private action(mode: Mode, target: Target): string {
    if (mode === 'propose') return `/postepowania/${target.tender.id}/udzialy`;
    return `/udzialy/${target.share?.id}/${mode === 'change' ? 'kwota' : 'wycofanie'}`;
  }

  private back(target: Target): string {
    return `/postepowania/${target.tender.id}#czesci`;
  }
}

/** The address's action on one share; any other is the 404 page. */
function shareMode(akcja: string): Mode {
  if (akcja === 'kwota') return 'change';
  if (akcja === 'wycofanie') return 'withdraw';
  throw notFound('Page', akcja);
}

const words = (mode: Mode, target: Target): Words =>
  WORDS[mode === 'propose' && !target.officer ? 'declare' : mode];

function input(body: Form): ShareInput {
  const text = (name: string) => (body[name] ?? '').trim();
  return {
    czesc: text('czesc'),
    partner: text('partner'),
    kwota: text('kwota'),
    uzasadnienie: text('uzasadnienie'),
    version: text('version'),
  };
}
