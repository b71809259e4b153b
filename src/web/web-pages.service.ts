import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AccessPolicyService, UsersService } from '../auth';
import { NotificationsService } from '../notifications';
import { ProjectSheetsService } from '../projects';
import { TasksService } from '../tenders';
import type { FlashMessage } from './session/web-session.entity';
import { WebSessionsService } from './session/web-sessions.service';
import { answersAwaited } from './sheet-answers';
import { inContext } from './web-context';
import { submitForm, type FormSubmission } from './web-form';
import { dateTime, timeOfDay } from './web-format';
import { ROLE_PL } from './web-words';
import type { WebRequest } from './web.decorators';

export interface FieldErrorView {
  field: string;
  label: string;
  message: string;
}

export interface PageModel {
  /** The page's own name; the layout appends "– Wspólnie". */
  title: string;
  errors?: FieldErrorView[];
  [key: string]: unknown;
}

/**
 * The menu. A count is in the link's text, its meaning read out after it (visually hidden):
 * "Moje zadania (3 do załatwienia)", "Fiszki projektów (1 czeka na Twoją odpowiedź)".
 */
const NAV = [
  { href: '/zadania', label: 'Moje zadania', count: 'tasks' },
  { href: '/postepowania', label: 'Postępowania' },
  { href: '/fiszki', label: 'Fiszki projektów', count: 'sheets' },
  { href: '/powiadomienia', label: 'Powiadomienia', count: 'unread' },
  { href: '/ustawienia', label: 'Ustawienia' },
  {
    href: '/administracja/uzytkownicy',
    label: 'Administracja',
    section: '/administracja',
    only: 'admin',
  },
  { href: '/audyt', label: 'Rejestr zdarzeń', only: 'audit' },
] as const;

const PLURAL = new Intl.PluralRules('pl-PL');
const agree = (n: number, one: string, few: string, many: string): string => {
  const c = PLURAL.select(n);
  return c === 'one' ? one : c === 'few' ? few : many;
};

/** What each count counts, read after the number by a screen reader. */
const COUNT_WORDS: Record<'tasks' | 'sheets' | 'unread', (n: number) => string> = {
  tasks: () => 'do załatwienia',
  sheets: (n) =>
    agree(n, 'czeka na Twoją odpowiedź', 'czekają na Twoją odpowiedź', 'czeka na Twoją odpowiedź'),
  unread: (n) => agree(n, 'nieprzeczytane', 'nieprzeczytane', 'nieprzeczytanych'),
};

/**
 * Renders a page inside the layout: who is signed in (organisation and roles, the context switch),
 * the navigation with counts, the CSRF token for forms, the session's idle expiry and the one-time
 * message left by the previous POST. Controllers pass their view model; no rule is decided here.
 */
@Injectable()
export class WebPages {
  constructor(
    private readonly users: UsersService,
    private readonly tasks: TasksService,
    private readonly notifications: NotificationsService,
    private readonly sessions: WebSessionsService,
    private readonly policy: AccessPolicyService,
    private readonly sheets: ProjectSheetsService,
  ) {}

  async render(
    req: WebRequest,
    reply: FastifyReply,
    view: string,
    model: PageModel,
    status = 200,
  ): Promise<FastifyReply> {
    const layout = await this.layout(req, reply);
    return reply.code(status).view(`pages/${view}`, { ...layout, ...model });
  }

  /** POST → 303 → GET, with a message for the next page. */
  async redirect(
    req: WebRequest,
    reply: FastifyReply,
    to: string,
    flash?: FlashMessage,
  ): Promise<FastifyReply> {
    if (flash && req.webSession) await this.sessions.setFlash(req.webSession.id, flash);
    return reply.redirect(to, 303);
  }

  /**
   * A form posted: checked with the API's DTO, recorded by the service, then 303 to the next page
   * with a message, or the form again (422) with the error summary (see `FormSubmission`).
   */
  submit<T extends object, R, E>(
    req: WebRequest,
    reply: FastifyReply,
    s: FormSubmission<T, R, E>,
  ): Promise<FastifyReply> {
    return submitForm(
      (to, kind, text) =>
        this.redirect(req, reply, to, text === undefined ? undefined : { kind, text }),
      s,
    );
  }

  private async layout(req: WebRequest, reply: FastifyReply): Promise<Record<string, unknown>> {
    const csrf = reply.generateCsrf();
    const actor = req.actor;
    const session = req.webSession;
    if (!actor || !session) return { csrf, signedIn: false };
    const me = inContext(actor, session.context);
    const [user, tasks, sheets, unread, flash] = await Promise.all([
      this.users.findWithMemberships(actor.userId),
      this.tasks.pageFor(me, { limit: 1, offset: 0 }).then((p) => p.total),
      this.sheets.waitingFor(me).then((s) => answersAwaited(s).length),
      this.notifications.list(actor, { limit: 1, offset: 0 }).then((p) => p.unread),
      this.sessions.takeFlash(session.id),
    ]);
    const counts: Record<string, number> = { tasks, sheets, unread };
    // Links to pages the person may open (the policy's rules; the pages check them again).
    const shown = {
      admin: this.policy.can(actor, { action: 'administration.open' }),
      audit: this.policy.can(actor, {
        action: 'audit.read',
        lawyerOf: actor.memberships.some((m) => m.role === 'LAWYER'),
      }),
    };
    const path = req.url.split('?')[0];
    const memberships = (user?.memberships ?? [])
      .map((m) => ({
        key: `${m.organisationId}:${m.role}`,
        organisationName: m.organisation?.name ?? '',
        roleLabel: ROLE_PL[m.role] ?? m.role,
      }))
      .sort((a, b) => a.organisationName.localeCompare(b.organisationName, 'pl'));
    const current = memberships.find((m) => m.key === session.context) ?? null;
    return {
      csrf,
      signedIn: true,
      user: {
        displayName: actor.displayName,
        email: actor.email,
        admin: actor.admin,
        memberships: memberships.map((m) => ({ ...m, current: m.key === session.context })),
        several: memberships.length > 1,
        context: current,
      },
      nav: NAV.filter((n) => !('only' in n) || shown[n.only]).map((n) => ({
        href: n.href,
        label: n.label,
        current: path === n.href || path.startsWith(`${'section' in n ? n.section : n.href}/`),
        count: 'count' in n ? counts[n.count] : undefined,
        countWords: 'count' in n ? COUNT_WORDS[n.count](counts[n.count]) : undefined,
      })),
      session: {
        expiresAt: session.idleExpiresAt.toISOString(),
        expiresAtTime: timeOfDay(session.idleExpiresAt),
        expiresAtLabel: dateTime(session.idleExpiresAt),
        idleMinutes: Math.round(this.sessions.idleMs / 60000),
      },
      returnTo: req.url,
      flash,
    };
  }
}
