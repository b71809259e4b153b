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
import { shareConsequences } from '../share-changes';
import { lotName } from '../web-format';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { validateAs } from '../web-validate';
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

const WITHDRAWABLE = ['DRAFT', 'COLLECTING_SHARES'];

const STALE = {
  kind: 'info' as const,
  text: 'Udział zmienił się w międzyczasie (ktoś inny zmienił jego kwotę lub go potwierdził). Poniżej jest aktualny stan; sprawdź go i spróbuj ponownie.',
};

type Words = { title: string; review: string; button: string; done: string };
const WORDS: Record<Mode | 'declare', Words> = {
  declare: {
    title: 'Zgłoś zapotrzebowanie jednostki',
    review: 'Sprawdź przed zgłoszeniem zapotrzebowania',
    button: 'Zgłoś zapotrzebowanie',
    done: 'Zgłoszono zapotrzebowanie',
  },
  propose: {
    title: 'Zaproponuj udział partnera',
    review: 'Sprawdź przed zaproponowaniem udziału',
    button: 'Zaproponuj udział',
    done: 'Zaproponowano udział',
  },
  change: {
    title: 'Zmień kwotę udziału',
    review: 'Sprawdź przed zmianą kwoty udziału',
    button: 'Zmień kwotę udziału',
    done: 'Zmieniono kwotę udziału',
  },
  withdraw: {
    title: 'Wycofaj udział partnera',
    review: 'Sprawdź przed wycofaniem udziału',
    button: 'Wycofaj udział',
    done: 'Wycofano udział',
  },
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
  private async check(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    mode: Mode,
    target: Target,
    body: Form,
  ): Promise<FastifyReply> {
    const form = input(body);
    if (this.isStale(mode, target, form)) return this.stale(req, reply, target);
    const { errors, lot } = await this.validate(mode, target, form);
    if (errors.length > 0) return this.form(req, reply, actor, mode, target, form, errors);
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
  private async save(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    mode: Mode,
    target: Target,
    body: Form,
  ): Promise<FastifyReply> {
    const form = input(body);
    if (this.isStale(mode, target, form)) return this.stale(req, reply, target);
    const { errors, lot } = await this.validate(mode, target, form);
    if (errors.length > 0) return this.form(req, reply, actor, mode, target, form, errors);
    const share = target.share;
    try {
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
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.code === 'SHARE_VERSION_CONFLICT' || err.code === 'SHARE_ILLEGAL_TRANSITION')
        return this.stale(req, reply, target);
      const known = REFUSALS[err.code];
      const refused = known
        ? [known]
        : [400, 422].includes(err.status)
          ? errorsPl(err.errors ?? [], FIELDS)
          : [];
      if (refused.length === 0) throw err;
      return this.form(req, reply, actor, mode, target, form, refused);
    }
    const who = share?.organisationName ?? '';
    return this.pages.redirect(req, reply, `/postepowania/${target.tender.id}#czesci`, {
      kind: 'success',
      text: `${words(mode, target).done}${who ? ` (${who})` : ''}${lot ? ` w części ${lot.number}` : ''}.`,
    });
  }

  /** The DTO's rules on the form's input (and a change that changes nothing), in Polish. */
  private async validate(
    mode: Mode,
    target: Target,
    form: ShareInput,
  ): Promise<{ errors: FieldErrorView[]; lot?: LotView }> {
    const version = target.share?.version ?? 1;
    const amountNet = amountInput(form.kwota);
    const checked =
      mode === 'propose'
        ? await validateAs(CreateShareDto, {
            lotId: form.czesc,
            organisationId: form.partner,
            amountNet,
          })
        : mode === 'change'
          ? await validateAs(UpdateShareDto, { version, amountNet, reason: form.uzasadnienie })
          : await validateAs(WithdrawShareDto, { version, reason: form.uzasadnienie });
    const errors = errorsPl(checked.violations, FIELDS);
    if (mode !== 'propose' && form.uzasadnienie.length < 5 && !errors.some(isReason))
      errors.push({ ...FIELDS.reason, field: 'uzasadnienie' });
    const lot = target.lot ?? target.tender.lots.find((l) => l.id === form.czesc);
    if (mode === 'propose' && !lot && !errors.some((e) => e.field === 'czesc'))
      errors.unshift({ field: 'czesc', label: FIELDS.lotId.label, message: FIELDS.lotId.message });
    const share = target.share;
    if (
      mode === 'change' &&
      share &&
      errors.length === 0 &&
      amountNet === share.amountNet &&
      share.status !== 'CHANGE_REQUESTED'
    )
      errors.push({
        field: 'kwota',
        label: FIELDS.amountNet.label,
        message: `Wpisz kwotę inną niż obecna (${share.amountNet.replace('.', ',')} zł netto).`,
      });
    return { errors, lot };
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

const isReason = (e: FieldErrorView): boolean => e.field === 'uzasadnienie';

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
