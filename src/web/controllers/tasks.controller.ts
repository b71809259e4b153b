import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { DocumentsService } from '../../documents';
import { InvitationsService } from '../../partnerships';
import { ProjectSheetsService } from '../../projects';
import { CalendarService } from '../../schedule';
import { TasksService } from '../../tenders';
import type { ActiveSession } from '../session/web-sessions.service';
import { answersAwaited } from '../sheet-answers';
import { inContext } from '../web-context';
import { FORMS, plural } from '../web-format';
import { pageNumber, pagerView } from '../web-view-models';
import { WebPages } from '../web-pages.service';
import { DEADLINE_KIND_PL, DOCUMENT_KIND_PL, TASK_GROUPS, type TaskGroupKey } from '../web-words';
import { WebActor, WebController, WebSessionOf, type WebRequest } from '../web.decorators';

interface TaskItem {
  href: string;
  action: string;
  tenderReference: string;
  tenderTitle: string;
  tenderHref: string;
  lot: number | null;
  partner: string | null;
  amountNet: string | null;
  due: string | null;
  since: string | null;
}

/** Inbox items on one page of "Moje zadania". */
const PAGE_SIZE = 50;

/**
 * "Moje zadania": what waits for me across tenders, grouped by what I have to do. The inbox
 * (`/me/tasks`) is paged, `PAGE_SIZE` items a page (`?strona=`); the week's documents and
 * deadlines, invitations and project sheets are shown on the first page.
 */
@WebController()
export class TasksPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly tasks: TasksService,
    private readonly documents: DocumentsService,
    private readonly calendar: CalendarService,
    private readonly invitations: InvitationsService,
    private readonly sheets: ProjectSheetsService,
  ) {}

  @Get('zadania')
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @WebSessionOf() session: ActiveSession,
    @Query('strona') strona?: string,
  ): Promise<FastifyReply> {
    const me = inContext(actor, session.context);
    const pageNo = pageNumber(strona);
    const first = pageNo === 1;
    const [inbox, documents, deadlines, invitations, sheets] = await Promise.all([
      this.tasks.pageFor(me, { limit: PAGE_SIZE, offset: (pageNo - 1) * PAGE_SIZE }),
      first ? this.documents.recentlyReady(me, 7) : [],
      first ? this.calendar.upcoming(me, 7) : [],
      this.invitations.awaiting(me),
      this.sheets.waitingFor(me),
    ]);
    const tasks = inbox.items;
    const groups = new Map<TaskGroupKey, TaskItem[]>(TASK_GROUPS.map((g) => [g.key, []]));
    for (const t of tasks) {
      if (t.kind === 'RESPONSIBILITY_TASK') {
        groups.get('MATRIX')?.push({
          href: `/postepowania/${t.tenderId}#zadania`,
          action: t.step ?? 'Zadanie',
          tenderReference: t.tenderReference,
          tenderTitle: t.tenderTitle,
          tenderHref: `/postepowania/${t.tenderId}`,
          lot: t.lotNumber,
          partner: t.organisationName,
          amountNet: null,
          due: t.deadline,
          since: t.since,
        });
        continue;
      }
      const key: TaskGroupKey =
        t.kind === 'SHARE_AWAITING_STEP'
          ? (t.step as 'COORDINATOR' | 'TREASURER' | 'HEAD')
          : t.kind === 'SHARE_CHANGE_REQUESTED'
            ? 'CHANGE'
            : 'READY';
      groups.get(key)?.push({
        href: t.shareId ? `/udzialy/${t.shareId}` : `/postepowania/${t.tenderId}`,
        action: t.shareId ? 'Otwórz udział' : 'Otwórz postępowanie',
        tenderReference: t.tenderReference,
        tenderTitle: t.tenderTitle,
        tenderHref: `/postepowania/${t.tenderId}`,
        lot: t.lotNumber,
        partner: t.organisationName,
        amountNet: t.amountNet,
        due: t.deadline,
        since: t.since,
      });
    }
    for (const i of first ? invitations : [])
      groups.get('INVITATIONS')?.push({
        href: `/zaproszenia/${i.id}`,
        action: `Odpowiedz na zaproszenie: ${i.organisation.name}`,
        tenderReference: i.partnership.name,
        tenderTitle: `lider: ${i.leader.name}`,
        tenderHref: `/zaproszenia/${i.id}`,
        lot: null,
        partner: null,
        amountNet: null,
        due: null,
        since: i.invitedAt,
      });
    for (const { sheet, partner: p } of first ? answersAwaited(sheets) : [])
      groups.get('SHEETS')?.push({
        href: `/fiszki/${sheet.id}/zainteresowanie/${p.organisation.id}`,
        action: `Zgłoś zainteresowanie: ${p.organisation.name}`,
        tenderReference: sheet.title,
        tenderTitle: sheet.partnership.name,
        tenderHref: `/fiszki/${sheet.id}`,
        lot: null,
        partner: null,
        amountNet: null,
        due: null,
        since: sheet.createdAt,
      });
    for (const d of documents)
      groups.get('DOCUMENTS')?.push({
        href: `/dokumenty/${d.id}`,
        action: `${DOCUMENT_KIND_PL[d.kind] ?? d.kind}, wersja ${d.version}`,
        tenderReference: d.tenderReference,
        tenderTitle: d.tenderTitle,
        tenderHref: `/postepowania/${d.tenderId}`,
        lot: null,
        partner: null,
        amountNet: null,
        due: null,
        since: d.readyAt,
      });
    for (const d of deadlines)
      groups.get('DEADLINES')?.push({
        href: `/postepowania/${d.tenderId}#terminy`,
        action: d.title || DEADLINE_KIND_PL[d.kind] || d.kind,
        tenderReference: d.tenderReference,
        tenderTitle: d.tenderTitle,
        tenderHref: `/postepowania/${d.tenderId}`,
        lot: null,
        partner: d.organisationName,
        amountNet: null,
        due: d.dueAt,
        since: null,
      });
    const total = inbox.total + invitations.length + answersAwaited(sheets).length;
    // Only groups with something in them: a role with nothing waiting shows no empty section.
    const shown = TASK_GROUPS.map((g) => ({
      ...g,
      id: `grupa-${g.key.toLowerCase()}`,
      items: groups.get(g.key) ?? [],
      count: (groups.get(g.key) ?? []).length,
      isInvitation: g.key === 'INVITATIONS',
      isSheet: g.key === 'SHEETS',
      isShare:
        g.key === 'COORDINATOR' || g.key === 'TREASURER' || g.key === 'HEAD' || g.key === 'CHANGE',
    })).filter((g) => g.count > 0);
    const pager = pagerView(inbox.total, PAGE_SIZE, pageNo, (n) => `/zadania?strona=${n}`);
    return this.pages.render(req, reply, 'zadania', {
      title: 'Moje zadania',
      nothing: shown.length === 0,
      summary:
        shown.length === 0
          ? 'Nic nie czeka. Nie masz zadań do wykonania, nowych dokumentów ani terminów w tym tygodniu.'
          : total === 0
            ? 'Nic nie czeka teraz na Twoją decyzję.'
            : `Na Twoją decyzję ${new Intl.PluralRules('pl-PL').select(total) === 'few' ? 'czekają' : 'czeka'} ${plural(total, FORMS.task)}.`,
      groups: shown,
      pager: pager ? { ...pager, label: 'Strony zadań' } : null,
    });
  }
}
