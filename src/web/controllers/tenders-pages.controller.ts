import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { CommentsService } from '../../comments';
import { DomainError } from '../../common/errors';
import { UuidParam } from '../../common/http';
import { DocumentsService } from '../../documents';
import { SettlementService } from '../../finance';
import { ResponsibilityTasksService } from '../../responsibilities';
import { DeadlinesService } from '../../schedule';
import { DeadlinesQuery } from '../../schedule';
import type { ShareView, TenderStatus, TransitionCheckView } from '../../tenders';
import { TendersQuery, TransitionDto } from '../../tenders';
import { TendersService } from '../../tenders';
import { threadModel } from '../comment-thread';
import { taskMatrixModel } from '../task-matrix';
import { conditionPl } from '../web-conditions';
import { chainSteps, pagerView, shareBadge, tenderBadge } from '../web-view-models';
import { FORMS, plural } from '../web-format';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { validateAs } from '../web-validate';
import {
  AUDIT_ACTION_PL,
  DEADLINE_KIND_PL,
  DEADLINE_STATUS_PL,
  DOCUMENT_KIND_PL,
  DOCUMENT_STATUS_PL,
  PROCEDURE_PL,
  REGIME_PL,
  SETTLEMENT_MODEL_PL,
  SUBJECT_KIND_PL,
  STEP_PL,
  TENDER_STATUS_PL,
  TRANSITION_PL,
} from '../web-words';
import { WebActor, WebController, type WebRequest } from '../web.decorators';

const PAGE_SIZE = 20;
const PROCEDURE_STEPS = ['PUBLISHED', 'OFFERS_OPENED', 'AWARDED'];

/** Postępowania: the list (filters, search, paging) and one tender with its partners' chains. */
@WebController()
export class TendersPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly tenders: TendersService,
    private readonly deadlines: DeadlinesService,
    private readonly documents: DocumentsService,
    private readonly settlements: SettlementService,
    private readonly comments: CommentsService,
    private readonly tasks: ResponsibilityTasksService,
  ) {}

  @Get('postepowania')
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Query() query: Record<string, string | undefined>,
  ): Promise<FastifyReply> {
    const status = query.status || undefined;
    const q = (query.q ?? '').trim() || undefined;
    const pageNo = Math.max(1, Number.parseInt(query.strona ?? '1', 10) || 1);
    const { value, violations } = await validateAs(TendersQuery, {
      status,
      q,
      limit: PAGE_SIZE,
      offset: (pageNo - 1) * PAGE_SIZE,
    });
    const errors: FieldErrorView[] = violations.map((v) =>
      v.field === 'status'
        ? { field: 'status', label: 'Etap', message: 'Wybierz etap z listy.' }
        : { field: 'q', label: 'Szukaj', message: 'Wpisz najwyżej 100 znaków.' },
    );
    const statuses = Object.entries(TENDER_STATUS_PL).map(([k, label]) => ({
      value: k,
      label,
      selected: k === status,
    }));
    if (errors.length > 0) {
      return this.pages.render(
        req,
        reply,
        'postepowania',
        { title: 'Postępowania', errors, statuses, q: q ?? '', items: [], summary: '' },
        422,
      );
    }
    const found = await this.tenders.list(actor, value);
    const link = (n: number) => {
      const params = new URLSearchParams();
      if (status) params.set('status', status);
      if (q) params.set('q', q);
      params.set('strona', String(n));
      return `/postepowania?${params.toString()}`;
    };
    return this.pages.render(req, reply, 'postepowania', {
      title: 'Postępowania',
      // Procurement officers start tenders (of the partnerships their organisation leads).
      mayCreate: actor.memberships.some((m) => m.role === 'PROCUREMENT_OFFICER'),
      statuses,
      q: q ?? '',
      filtered: !!(status || q),
      summary:
        found.total === 0
          ? 'Nie znaleziono postępowań.'
          : `Znaleziono ${found.totalIsLowerBound ? 'ponad ' : ''}${plural(found.total, FORMS.tender)}.`,
      items: found.items.map((t) => ({
        ...t,
        href: `/postepowania/${t.id}`,
        badge: tenderBadge(t.status),
        procedureLabel: PROCEDURE_PL[t.procedure] ?? t.procedure,
      })),
      pager: pagerView(found.total, PAGE_SIZE, pageNo, link, found.totalIsLowerBound),
    });
  }

  @Get('postepowania/:id')
  async detail(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    return this.detailPage(req, reply, actor, id);
  }

  /**
   * The officer's first step of a transition: the same checks as the API, then a page that says
   * what will happen before the final button (WCAG 3.3.4: publishing and cancelling are legal acts).
   */
  @Post('postepowania/:id/etap/sprawdz')
  async reviewTransition(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const tender = await this.tenders.get(actor, id);
    const checks = await this.tenders.transitionChecks(actor, id);
    const input = transitionInput(body);
    if (String(tender.version) !== input.version)
      return this.pages.redirect(req, reply, `/postepowania/${id}#etap`, STALE);
    const check = checks.find((c) => c.to === input.to);
    const errors = await this.transitionErrors(input, check);
    if (errors.length > 0)
      return this.detailPage(req, reply, actor, id, { errors, reason: input.reason }, 422);
    const words = transitionWords(tender.status, input.to);
    return this.pages.render(req, reply, 'postepowanie-etap', {
      title: `Sprawdź przed zmianą etapu: ${tender.reference}`,
      tender: { ...tender, statusLabel: TENDER_STATUS_PL[tender.status] ?? tender.status },
      to: input.to,
      toLabel: TENDER_STATUS_PL[input.to] ?? input.to,
      action: words.action,
      effect: words.effect,
      cancel: input.to === 'CANCELLED',
      reason: input.reason,
      version: input.version,
    });
  }

  @Post('postepowania/:id/etap')
  async transition(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const input = transitionInput(body);
    const current = await this.tenders.get(actor, id);
    const checks = await this.tenders.transitionChecks(actor, id);
    // A form made for an older version (or sent twice) lands on the page with the current state.
    if (String(current.version) !== input.version)
      return this.pages.redirect(req, reply, `/postepowania/${id}#etap`, STALE);
    const check = checks.find((c) => c.to === input.to);
    const version = Number.parseInt(input.version, 10);
    const errors = await this.transitionErrors(input, check, false);
    if (errors.length > 0 || !Number.isInteger(version) || version < 1)
      return this.detailPage(req, reply, actor, id, { errors, reason: input.reason }, 422);
    try {
      const after = await this.tenders.transition(actor, id, {
        to: input.to as TenderStatus,
        version,
        ...(input.to === 'CANCELLED' ? { reason: input.reason } : {}),
      });
      return this.pages.redirect(req, reply, `/postepowania/${id}`, {
        kind: 'success',
        text: `Zapisano. Postępowanie jest teraz na etapie: ${TENDER_STATUS_PL[after.status] ?? after.status}.`,
      });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.status === 409)
        return this.pages.redirect(req, reply, `/postepowania/${id}#etap`, STALE);
      if (err.status === 422 && Array.isArray(err.details?.missing))
        return this.detailPage(
          req,
          reply,
          actor,
          id,
          {
            errors: (err.details.missing as string[]).map((m) => ({
              field: `etap-${input.to.toLowerCase()}`,
              label: transitionWords('', input.to).action,
              message: conditionLine(m),
            })),
            reason: input.reason,
          },
          422,
        );
      throw err;
    }
  }

  /** What stops the chosen transition, in Polish, for the error summary. */
  private async transitionErrors(
    input: { to: string; reason: string },
    check: TransitionCheckView | undefined,
    withConditions = true,
  ): Promise<FieldErrorView[]> {
    if (!check)
      return [
        {
          field: 'etap',
          label: 'Etap postępowania',
          message:
            'Tego etapu nie można teraz wybrać. Wybierz jeden z kroków opisanych na stronie.',
        },
      ];
    const errors: FieldErrorView[] = [];
    if (check.needsReason) {
      const { violations } = await validateAs(TransitionDto, {
        to: check.to,
        version: 1,
        reason: input.reason,
      });
      if (input.reason.trim().length < 5 || violations.some((v) => v.field === 'reason'))
        errors.push({
          field: 'reason',
          label: 'Powód unieważnienia',
          message:
            'Podaj powód unieważnienia (od 5 do 2000 znaków), np. podstawę z art. 255 Pzp i jej uzasadnienie.',
        });
    }
    if (withConditions && !check.allowed)
      for (const m of check.missing)
        errors.push({
          field: `etap-${check.to.toLowerCase()}`,
          label: transitionWords('', check.to).action,
          message: conditionLine(m),
        });
    return errors;
  }

  private async detailPage(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    extra: { errors?: FieldErrorView[]; reason?: string } = {},
    status = 200,
  ): Promise<FastifyReply> {
    const tender = await this.tenders.get(actor, id);
    const deadlinesQuery = Object.assign(new DeadlinesQuery(), { limit: 200, offset: 0 });
    const [history, deadlines, documents, checks, finance, thread, matrix] = await Promise.all([
      this.tenders.history(actor, id, { limit: 200, offset: 0 }),
      this.deadlines.list(actor, id, deadlinesQuery),
      this.documents.list(actor, id),
      this.officerChecks(actor, id),
      this.settlements.rights(actor, id),
      this.comments.thread(actor, { kind: 'tender', id }, { limit: 200, offset: 0 }),
      this.tasks.matrix(actor, id),
    ]);
    const now = Date.now();
    return this.pages.render(
      req,
      reply,
      'postepowanie',
      {
        title: `${tender.reference} – ${tender.title}`,
        errors: extra.errors,
        mayAddLot: tender.allowedActions.includes('addLot'),
        mayNameCpv: tender.allowedActions.includes('update'),
        mayPropose: tender.allowedActions.includes('proposeShare'),
        mayDeclare:
          tender.allowedActions.includes('declareNeed') &&
          !tender.allowedActions.includes('proposeShare'),
        tender: {
          ...tender,
          badge: tenderBadge(tender.status),
          subjectLabel: SUBJECT_KIND_PL[tender.subjectKind] ?? tender.subjectKind,
          procedureLabel: PROCEDURE_PL[tender.procedure] ?? tender.procedure,
          regimeLabel: REGIME_PL[tender.regime] ?? tender.regime,
          settlementLabel: SETTLEMENT_MODEL_PL[tender.settlementModel] ?? tender.settlementModel,
          statusLabel: TENDER_STATUS_PL[tender.status] ?? tender.status,
        },
        officer: checks
          ? {
              steps: checks
                .filter((c) => c.to !== 'CANCELLED')
                .map((c) => ({
                  ...c,
                  id: `etap-${c.to.toLowerCase()}`,
                  ...transitionWords(tender.status, c.to),
                  toLabel: TENDER_STATUS_PL[c.to] ?? c.to,
                  conditions: c.missing.map((m) => conditionPl(m)),
                  // Notice, criteria, committee, offers and the award are recorded on Procedura.
                  procedure: PROCEDURE_STEPS.includes(c.to),
                })),
              cancel: checks.find((c) => c.to === 'CANCELLED')
                ? { ...transitionWords(tender.status, 'CANCELLED'), reason: extra.reason ?? '' }
                : null,
              reasonError: extra.errors?.find((e) => e.field === 'reason')?.message,
              final: checks.length === 0,
            }
          : null,
        lots: tender.lots.map((l) => ({
          ...l,
          shares: l.shares.map((s: ShareView) => ({
            ...s,
            href: `/udzialy/${s.id}`,
            badge: shareBadge(s.status),
            steps: chainSteps(s),
            mine: s.allowedActions.includes('approve'),
            // The leader's officer corrects the shares before publication (review page first).
            mayChange: tender.allowedActions.includes('proposeShare') && s.status !== 'WITHDRAWN',
            mayWithdraw:
              tender.allowedActions.includes('proposeShare') &&
              s.status !== 'WITHDRAWN' &&
              WITHDRAWABLE.includes(tender.status),
          })),
        })),
        deadlines: deadlines.items.map((d) => ({
          ...d,
          kindLabel: DEADLINE_KIND_PL[d.kind] ?? d.kind,
          statusLabel: DEADLINE_STATUS_PL[d.status] ?? d.status,
          past: new Date(d.dueAt).getTime() < now,
        })),
        documents: documents.slice(0, 10).map((d) => ({
          ...d,
          kindLabel: DOCUMENT_KIND_PL[d.kind] ?? d.kind,
          statusLabel: DOCUMENT_STATUS_PL[d.status] ?? d.status,
        })),
        documentsHref: `/postepowania/${id}/dokumenty`,
        matrix: taskMatrixModel(matrix),
        thread: threadModel(thread, {
          action: `/postepowania/${id}/komentarze`,
          object: 'to postępowanie',
        }),
        // Finance exists from the award on; only who sees some party's finance gets the pages.
        finance:
          finance.view.length > 0 && FINANCE_STAGES.includes(tender.status)
            ? {
                href: `/postepowania/${id}/finanse`,
                settlementHref: `/postepowania/${id}/rozliczenie`,
              }
            : null,
        history: history.items
          .slice()
          .reverse()
          .map((e) => ({
            at: e.occurredAt,
            who: e.actorName ?? 'system',
            what: historyLine(e.action, e.data),
          })),
      },
      status,
    );
  }

  /** The transitions and their blocking conditions, for the leader's officers only (else null). */
  private async officerChecks(actor: Actor, id: string): Promise<TransitionCheckView[] | null> {
    try {
      return await this.tenders.transitionChecks(actor, id);
    } catch (err) {
      if (err instanceof DomainError && err.status === 403) return null;
      throw err;
    }
  }
}

const FINANCE_STAGES = ['AWARDED', 'CONTRACTED', 'SETTLED'];
const WITHDRAWABLE = ['DRAFT', 'COLLECTING_SHARES'];

type Form = Record<string, string | undefined>;

const STALE = {
  kind: 'info' as const,
  text: 'Postępowanie zmieniło się w międzyczasie (ktoś inny zmienił jego etap lub dane). Poniżej jest jego aktualny stan; sprawdź go i spróbuj ponownie.',
};

function transitionInput(body: Form): { to: string; version: string; reason: string } {
  return { to: body.to ?? '', version: body.version ?? '', reason: (body.reason ?? '').trim() };
}

function transitionWords(from: string, to: string): { action: string; effect: string } {
  if (from === 'READY' && to === 'COLLECTING_SHARES')
    return {
      action: 'Wróć do zbierania udziałów',
      effect: 'Udziały będzie można znowu zmieniać; potwierdzone udziały pozostają potwierdzone.',
    };
  return TRANSITION_PL[to] ?? { action: TENDER_STATUS_PL[to] ?? to, effect: '' };
}

function conditionLine(message: string): string {
  const c = conditionPl(message);
  return c.english ? `${c.text} ${c.english}` : c.text;
}

/** One line of a tender's history in Polish; a step names itself ("Kontrasygnata skarbnika"). */
function historyLine(action: string, data: Record<string, unknown> | null): string {
  if (action === 'tender.transitioned' && typeof data?.to === 'string') {
    const from = typeof data.from === 'string' ? TENDER_STATUS_PL[data.from] : undefined;
    const to = TENDER_STATUS_PL[data.to] ?? data.to;
    return from ? `Zmieniono etap: ${from} → ${to}` : `Zmieniono etap na: ${to}`;
  }
  const step = typeof data?.step === 'string' ? STEP_PL[data.step] : undefined;
  if (action === 'share.approved' && step) return `${step}: wykonano`;
  if (action === 'share.change_requested' && step)
    return `Poproszono o zmianę udziału (${step.toLowerCase()})`;
  return AUDIT_ACTION_PL[action] ?? 'Zdarzenie w postępowaniu';
}
