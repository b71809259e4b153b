import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { AccessPolicyService } from '../../auth';
import { forbidden, type FieldViolation } from '../../common/errors';
import { searchCpv } from '../../common/identifiers';
import { PartnershipsService, type PartnershipView } from '../../partnerships';
import { CreateShareDto, CreateTenderDto, TenderCreationService } from '../../tenders';
import { cpvMainHint, cpvNameErrors, cpvNameRows } from '../cpv-names-form';
import { errorsPl, type Form } from '../procedure-forms';
import { WebSessionsService } from '../session/web-sessions.service';
import {
  BASICS_FIELDS,
  basicsFromForm,
  cpvCodes,
  draftTotals,
  duplicateNumbers,
  emptyDraft,
  lotFields,
  lotsFromForm,
  marked,
  readDraft,
  regimeOf,
  SHARE_INPUT,
  shareInputs,
  sharesPl,
  sharesFromForm,
  tenderInput,
  WIZARD_STEPS,
  type TenderDraft,
  wizardRefusal,
  type WizardStep,
} from '../tender-wizard';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { validateAs } from '../web-validate';
import { PROCEDURE_PL, SETTLEMENT_MODEL_PL, SUBJECT_KIND_PL } from '../web-words';
import { WebActor, WebController, WebSessionOf, type WebRequest } from '../web.decorators';
import type { ActiveSession } from '../session/web-sessions.service';

const BASE = '/postepowania/nowe';
const HREF: Record<WizardStep, string> = {
  podstawy: BASE,
  czesci: `${BASE}/czesci`,
  udzialy: `${BASE}/udzialy`,
  sprawdz: `${BASE}/sprawdz`,
};
/** The lot does not exist before the tender is created; the share's own rules are checked with it. */
const LOT_NOT_YET_CREATED = '00000000-0000-4000-8000-000000000000';

/** The partnership chosen is not one the person leads (the page's own rule). */
const NOT_LEADING: FieldViolation = { field: 'partnershipId', rule: 'leading', message: '' };

type RowsForm = Record<string, string | string[] | undefined>;

/**
 * Nowe postępowanie: the leader's officer answers step by step (basics, lots, partners' shares),
 * checks the answers and creates the tender through TendersService and SharesService — the same
 * DTOs, policy and transactions as POST /tenders and POST /tenders/:id/shares. The draft is kept
 * with the web session (one UPDATE per step), so it survives reloads and ends with the session.
 */
@WebController()
export class TenderWizardPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly sessions: WebSessionsService,
    private readonly creation: TenderCreationService,
    private readonly partnerships: PartnershipsService,
    private readonly policy: AccessPolicyService,
  ) {}

  @Get('postepowania/nowe')
  async basics(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @WebSessionOf() session: ActiveSession,
  ): Promise<FastifyReply> {
    const { draft, leading } = await this.load(actor, session);
    return this.basicsPage(req, reply, draft, leading);
  }

  @Post('postepowania/nowe')
  async saveBasics(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @WebSessionOf() session: ActiveSession,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const { draft: before, leading } = await this.load(actor, session);
    const draft = basicsFromForm(before, body);
    const searching = body.akcja === 'szukaj' || !!body.wybierzGlowny || !!body.wybierzDodatkowy;
    if (searching) {
      await this.save(session, draft);
      return this.basicsPage(req, reply, draft, leading, [], body.cpvSzukaj ?? '');
    }
    const p = BASICS_FIELDS.partnershipId;
    const leads = !draft.partnershipId || leading.some((l) => l.id === draft.partnershipId);
    // The draft is kept with its answers either way; only answered, the step is done.
    const keep = (ok: boolean) =>
      this.save(session, { ...draft, done: marked(draft, 'podstawy', ok) });
    return this.pages.submit(req, reply, {
      dto: CreateTenderDto,
      input: tenderInput(draft, false),
      check: (_, violations) => (leads ? violations : [NOT_LEADING, ...violations]),
      invalid: (violations) => {
        const dto = violations.filter((v) => v !== NOT_LEADING);
        const errors = [
          ...(leads ? [] : [{ field: p.id, label: p.label, message: p.message }]),
          ...errorsPl(dto, BASICS_FIELDS),
          ...cpvNameErrors(
            dto,
            draft.cpvMain,
            cpvCodes(draft.cpvAdditional),
            draft.cpvAdditionalNames,
          ),
        ];
        return errors.length > 0 ? errors : null;
      },
      run: () => keep(true),
      again: async (errors) => {
        await keep(false);
        return this.basicsPage(req, reply, draft, leading, errors, '', 422);
      },
      done: () => ({ to: HREF.czesci }),
    });
  }

  @Get('postepowania/nowe/czesci')
  async lots(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @WebSessionOf() session: ActiveSession,
  ): Promise<FastifyReply> {
    const { draft } = await this.load(actor, session);
    if (!draft.done.includes('podstawy')) return reply.redirect(BASE, 303);
    return this.lotsPage(req, reply, draft);
  }

  @Post('postepowania/nowe/czesci')
  async saveLots(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @WebSessionOf() session: ActiveSession,
    @Body() body: RowsForm,
  ): Promise<FastifyReply> {
    const { draft: before } = await this.load(actor, session);
    if (!before.done.includes('podstawy')) return reply.redirect(BASE, 303);
    const draft = lotsFromForm(before, body);
    if (body.akcja !== 'dalej') {
      await this.save(session, { ...draft, done: marked(draft, 'czesci', false) });
      return this.lotsPage(req, reply, draft);
    }
    const keep = (ok: boolean) =>
      this.save(session, { ...draft, done: marked(draft, 'czesci', ok) });
    return this.pages.submit(req, reply, {
      dto: CreateTenderDto,
      input: tenderInput(draft, true),
      // This step answers the lots: the DTO's rules of them, and numbers used once.
      check: (_, violations) => [
        ...violations.filter((v) => v.field.startsWith('lots')),
        ...duplicateNumbers(draft),
      ],
      invalid: (violations) => {
        const errors = errorsPl(violations, lotFields(draft.lots.length));
        return errors.length > 0 ? errors : null;
      },
      run: () => keep(true),
      again: async (errors) => {
        await keep(false);
        return this.lotsPage(req, reply, draft, errors, 422);
      },
      done: () => ({ to: HREF.udzialy }),
    });
  }

  @Get('postepowania/nowe/udzialy')
  async sharesStep(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @WebSessionOf() session: ActiveSession,
  ): Promise<FastifyReply> {
    const { draft } = await this.load(actor, session);
    if (!draft.done.includes('czesci')) return reply.redirect(firstOpen(draft), 303);
    return this.sharesPage(req, reply, actor, draft);
  }

  // Not WebPages.submit: no one DTO holds the amounts (CreateShareDto checks each, see below).
  @Post('postepowania/nowe/udzialy')
  async saveShares(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @WebSessionOf() session: ActiveSession,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const { draft: before } = await this.load(actor, session);
    if (!before.done.includes('czesci')) return reply.redirect(firstOpen(before), 303);
    const draft = sharesFromForm(before, body);
    const errors = sharesPl(draft, await this.shareViolations(draft));
    const ok = errors.length === 0 && body.akcja === 'dalej';
    await this.save(session, { ...draft, done: marked(draft, 'udzialy', ok) });
    if (errors.length > 0) return this.sharesPage(req, reply, actor, draft, errors, 422);
    if (!ok) return this.sharesPage(req, reply, actor, draft);
    return reply.redirect(HREF.sprawdz, 303);
  }

  @Get('postepowania/nowe/sprawdz')
  async check(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @WebSessionOf() session: ActiveSession,
  ): Promise<FastifyReply> {
    const { draft, leading } = await this.load(actor, session);
    if (!draft.done.includes('udzialy')) return reply.redirect(firstOpen(draft), 303);
    return this.checkPage(req, reply, actor, draft, leading);
  }

  @Post('postepowania/nowe/utworz')
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @WebSessionOf() session: ActiveSession,
  ): Promise<FastifyReply> {
    const { draft, leading } = await this.load(actor, session);
    // Sent twice, or after the draft was abandoned: nothing to create, nothing created twice.
    if (!draft.done.includes('udzialy')) return reply.redirect(firstOpen(draft), 303);
    const initial = shareInputs(draft).map((s) => ({
      lotNumber: Number(draft.lots[s.lotIndex].number),
      organisationId: s.organisationId,
      amountNet: s.amountNet,
    }));
    return this.pages.submit(req, reply, {
      dto: CreateTenderDto,
      input: tenderInput(draft, true),
      check: async (_, violations) => [...violations, ...(await this.shareViolations(draft))],
      invalid: (violations) => [
        ...errorsPl(violations, BASICS_FIELDS),
        ...errorsPl(violations, lotFields(draft.lots.length)),
        ...sharesPl(draft, violations),
      ],
      run: async (value) => {
        // One transaction: a refused share leaves no half-written DRAFT behind.
        const tender = await this.creation.createWithShares(actor, value, initial);
        // The draft ends with the tender: a repeated click finds nothing to create.
        await this.sessions.saveTenderDraft(session.id, null);
        return tender;
      },
      refused: (err) => wizardRefusal(err, draft),
      again: (errors) => this.checkPage(req, reply, actor, draft, leading, errors, 422),
      done: (tender) => ({
        to: `/postepowania/${tender.id}`,
        text: `Utworzono postępowanie ${tender.reference} (etap: projekt) i zaproponowano udziały partnerów.`,
      }),
    });
  }

  // No fields: the draft ends, nothing to check or show again.
  @Post('postepowania/nowe/porzuc')
  async abandon(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @WebSessionOf() session: ActiveSession,
  ): Promise<FastifyReply> {
    await this.load(actor, session);
    await this.sessions.saveTenderDraft(session.id, null);
    return this.pages.redirect(req, reply, BASE, {
      kind: 'info',
      text: 'Porzucono szkic. Możesz zacząć od nowa.',
    });
  }

  // ---- pages ------------------------------------------------------------------------------------

  private basicsPage(
    req: WebRequest,
    reply: FastifyReply,
    draft: TenderDraft,
    leading: PartnershipView[],
    errors: FieldErrorView[] = [],
    query = '',
    status = 200,
  ): Promise<FastifyReply> {
    const options = (words: Record<string, string>, chosen: string) =>
      Object.entries(words).map(([value, label]) => ({ value, label, selected: value === chosen }));
    const q = query.trim();
    return this.render(req, reply, 'podstawy', draft, errors, status, {
      partnerships: leading.map((p) => ({
        value: p.id,
        label: `${p.name} (lider: ${p.leader.name})`,
        selected: p.id === draft.partnershipId,
      })),
      subjectKinds: options(SUBJECT_KIND_PL, draft.subjectKind),
      procedures: options(PROCEDURE_PL, draft.procedure),
      settlementModels: options(SETTLEMENT_MODEL_PL, draft.settlementModel),
      search: q ? { query: q, results: searchCpv(q, 15) } : { query: '', results: null },
      cpvMainHint: cpvMainHint(draft.cpvMain),
      cpvNames: cpvNameRows(cpvCodes(draft.cpvAdditional), draft.cpvAdditionalNames, errors),
    });
  }

  private lotsPage(
    req: WebRequest,
    reply: FastifyReply,
    draft: TenderDraft,
    errors: FieldErrorView[] = [],
    status = 200,
  ): Promise<FastifyReply> {
    return this.render(req, reply, 'czesci', draft, errors, status, {
      rows: draft.lots.map((l, i) => ({
        ...l,
        index: i,
        row: i + 1,
        removable: draft.lots.length > 1,
        rates: ['23', '8', '5', '0'].map((r) => ({
          value: r,
          label: `${r}%`,
          selected: r === l.vatRate,
        })),
      })),
    });
  }

  private async sharesPage(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    draft: TenderDraft,
    errors: FieldErrorView[] = [],
    status = 200,
  ): Promise<FastifyReply> {
    const members = await this.partnerships.membersOn(actor, draft.partnershipId);
    const totals = draftTotals(draft);
    return this.render(req, reply, 'udzialy', draft, errors, status, {
      lots: draft.lots.map((l, i) => ({
        ...l,
        totals: totals.lots[i],
        partners: members.map((m) => {
          const name = `kwota-${i}-${m.organisation.id}`;
          return {
            name,
            label: m.organisation.name,
            value: draft.shares[`${i}:${m.organisation.id}`] ?? '',
            error: errors.find((e) => e.field === name)?.message,
          };
        }),
      })),
      totals,
      regime: regimeOf(draft, totals.netGrosz),
    });
  }

  private async checkPage(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    draft: TenderDraft,
    leading: PartnershipView[],
    errors: FieldErrorView[] = [],
    status = 200,
  ): Promise<FastifyReply> {
    const members = await this.partnerships.membersOn(actor, draft.partnershipId);
    const name = (id: string) => members.find((m) => m.organisation.id === id)?.organisation.name;
    const totals = draftTotals(draft);
    return this.render(req, reply, 'sprawdz', draft, errors, status, {
      cpvAdditional: cpvCodes(draft.cpvAdditional).map((code) => ({
        code,
        name: draft.cpvAdditionalNames[code] ?? '',
      })),
      partnershipName: leading.find((p) => p.id === draft.partnershipId)?.name ?? '',
      subjectLabel: SUBJECT_KIND_PL[draft.subjectKind] ?? draft.subjectKind,
      procedureLabel: PROCEDURE_PL[draft.procedure] ?? draft.procedure,
      settlementLabel: SETTLEMENT_MODEL_PL[draft.settlementModel] ?? draft.settlementModel,
      lots: draft.lots.map((l, i) => ({
        ...l,
        totals: totals.lots[i],
        shares: shareInputs(draft)
          .filter((s) => s.lotIndex === i)
          .map((s) => ({
            name: name(s.organisationId) ?? s.organisationId,
            amountNet: s.amountNet,
          })),
      })),
      totals,
      regime: regimeOf(draft, totals.netGrosz),
    });
  }

  private render(
    req: WebRequest,
    reply: FastifyReply,
    step: WizardStep,
    draft: TenderDraft,
    errors: FieldErrorView[],
    status: number,
    model: Record<string, unknown>,
  ): Promise<FastifyReply> {
    const index = WIZARD_STEPS.findIndex((s) => s.key === step);
    const errorOf = Object.fromEntries(errors.map((e) => [e.field, e.message]));
    return this.pages.render(
      req,
      reply,
      `nowe-${step}`,
      {
        title: `Nowe postępowanie – krok ${index + 1} z ${WIZARD_STEPS.length}: ${WIZARD_STEPS[index].label}`,
        errors,
        errorOf,
        draft,
        stepNo: index + 1,
        steps: WIZARD_STEPS.map((s, i) => ({
          ...s,
          href: HREF[s.key],
          current: s.key === step,
          // A step is linked once the ones before it were answered.
          open: i === 0 || WIZARD_STEPS.slice(0, i).every((p) => draft.done.includes(p.key)),
        })),
        ...model,
      },
      status,
    );
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** The partnerships the person leads as a procurement officer (else the 403 page) and the draft. */
  private async load(
    actor: Actor,
    session: ActiveSession,
  ): Promise<{ draft: TenderDraft; leading: PartnershipView[] }> {
    const visible = await this.partnerships.list(actor, { limit: 100, offset: 0 });
    const leading = visible.items.filter((p) =>
      this.policy.can(actor, { action: 'tender.create', leaderOrganisationId: p.leader.id }),
    );
    if (leading.length === 0)
      throw forbidden('FORBIDDEN', "Only the leader's procurement officers create tenders");
    const stored = readDraft(await this.sessions.tenderDraft(session.id));
    const draft = stored ?? emptyDraft(leading.length === 1 ? leading[0].id : '');
    return { draft, leading };
  }

  private save(session: ActiveSession, draft: TenderDraft): Promise<void> {
    return this.sessions.saveTenderDraft(session.id, { ...draft });
  }

  /** The amounts CreateShareDto refuses, each as a violation of its input (`kwota-<lot>-<org>`). */
  private async shareViolations(draft: TenderDraft): Promise<FieldViolation[]> {
    const out: FieldViolation[] = [];
    for (const s of shareInputs(draft)) {
      const { violations } = await validateAs(CreateShareDto, {
        lotId: LOT_NOT_YET_CREATED,
        organisationId: s.organisationId,
        amountNet: s.amountNet,
      });
      if (violations.length > 0)
        out.push({
          field: `${SHARE_INPUT}${s.lotIndex}-${s.organisationId}`,
          rule: 'amountNet',
          message: violations[0].message,
        });
    }
    return out;
  }
}

function firstOpen(draft: TenderDraft): string {
  const open = WIZARD_STEPS.find((s) => !draft.done.includes(s.key));
  return open ? HREF[open.key] : HREF.sprawdz;
}
