import { Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { UuidParam } from '../../common/http';
import { DocumentsService } from '../../documents';
import { DeadlinesService } from '../../schedule';
import { DeadlinesQuery } from '../../schedule';
import type { ShareView } from '../../tenders';
import { TendersQuery } from '../../tenders';
import { TendersService } from '../../tenders';
import { chainSteps, shareBadge, tenderBadge } from '../web-view-models';
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
} from '../web-words';
import { WebActor, WebController, type WebRequest } from '../web.decorators';

const PAGE_SIZE = 20;

/** Postępowania: the list (filters, search, paging) and one tender with its partners' chains. */
@WebController()
export class TendersPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly tenders: TendersService,
    private readonly deadlines: DeadlinesService,
    private readonly documents: DocumentsService,
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
    const pages = Math.ceil(found.total / PAGE_SIZE);
    const link = (n: number) => {
      const params = new URLSearchParams();
      if (status) params.set('status', status);
      if (q) params.set('q', q);
      params.set('strona', String(n));
      return `/postepowania?${params.toString()}`;
    };
    return this.pages.render(req, reply, 'postepowania', {
      title: 'Postępowania',
      statuses,
      q: q ?? '',
      filtered: !!(status || q),
      summary:
        found.total === 0
          ? 'Nie znaleziono postępowań.'
          : `Znaleziono ${plural(found.total, FORMS.tender)}.`,
      items: found.items.map((t) => ({
        ...t,
        href: `/postepowania/${t.id}`,
        badge: tenderBadge(t.status),
        procedureLabel: PROCEDURE_PL[t.procedure] ?? t.procedure,
      })),
      pager:
        pages > 1
          ? {
              pages,
              current: pageNo,
              prev: pageNo > 1 ? link(pageNo - 1) : null,
              next: pageNo < pages ? link(pageNo + 1) : null,
            }
          : null,
    });
  }

  @Get('postepowania/:id')
  async detail(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    const tender = await this.tenders.get(actor, id);
    const deadlinesQuery = Object.assign(new DeadlinesQuery(), { limit: 200, offset: 0 });
    const [history, deadlines, documents] = await Promise.all([
      this.tenders.history(actor, id, { limit: 200, offset: 0 }),
      this.deadlines.list(actor, id, deadlinesQuery),
      this.documents.list(actor, id),
    ]);
    const now = Date.now();
    return this.pages.render(req, reply, 'postepowanie', {
      title: `${tender.reference} – ${tender.title}`,
      tender: {
        ...tender,
        badge: tenderBadge(tender.status),
        subjectLabel: SUBJECT_KIND_PL[tender.subjectKind] ?? tender.subjectKind,
        procedureLabel: PROCEDURE_PL[tender.procedure] ?? tender.procedure,
        regimeLabel: REGIME_PL[tender.regime] ?? tender.regime,
        settlementLabel: SETTLEMENT_MODEL_PL[tender.settlementModel] ?? tender.settlementModel,
        statusLabel: TENDER_STATUS_PL[tender.status] ?? tender.status,
      },
      lots: tender.lots.map((l) => ({
        ...l,
        shares: l.shares.map((s: ShareView) => ({
          ...s,
          href: `/udzialy/${s.id}`,
          badge: shareBadge(s.status),
          steps: chainSteps(s),
          mine: s.allowedActions.includes('approve'),
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
      history: history.items
        .slice()
        .reverse()
        .map((e) => ({
          at: e.occurredAt,
          who: e.actorName ?? 'system',
          what: historyLine(e.action, e.data),
        })),
    });
  }
}

/** One line of a tender's history in Polish; a step names itself ("Kontrasygnata skarbnika"). */
function historyLine(action: string, data: Record<string, unknown> | null): string {
  const step = typeof data?.step === 'string' ? STEP_PL[data.step] : undefined;
  if (action === 'share.approved' && step) return `${step}: wykonano`;
  if (action === 'share.change_requested' && step)
    return `Poproszono o zmianę udziału (${step.toLowerCase()})`;
  return AUDIT_ACTION_PL[action] ?? 'Zdarzenie w postępowaniu';
}
