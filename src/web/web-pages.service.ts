import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AccessPolicyService, UsersService } from '../auth';
import { NotificationsService } from '../notifications';
import { TasksService } from '../tenders';
import type { FlashMessage } from './session/web-session.entity';
import { WebSessionsService } from './session/web-sessions.service';
import { inContext } from './web-context';
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

const NAV = [
  { href: '/zadania', label: 'Moje zadania', count: 'tasks' },
  { href: '/postepowania', label: 'Postępowania' },
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

  private async layout(req: WebRequest, reply: FastifyReply): Promise<Record<string, unknown>> {
    const csrf = reply.generateCsrf();
    const actor = req.actor;
    const session = req.webSession;
    if (!actor || !session) return { csrf, signedIn: false };
    const [user, tasks, unread, flash] = await Promise.all([
      this.users.findWithMemberships(actor.userId),
      this.tasks.forActor(inContext(actor, session.context)),
      this.notifications.list(actor, { limit: 1, offset: 0 }).then((p) => p.unread),
      this.sessions.takeFlash(session.id),
    ]);
    const counts: Record<string, number> = { tasks: tasks.length, unread };
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
