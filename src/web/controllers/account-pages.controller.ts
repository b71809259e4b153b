import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { UuidParam } from '../../common/http';
import { NotificationsService } from '../../notifications';
import { CalendarService } from '../../schedule';
import { safeReturn } from '../safe-return';
import { ChangePasswordDto, MIN_PASSWORD_LENGTH } from '../../auth';
import { DomainError } from '../../common/errors';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../common/vocabulary';
import { AppConfig } from '../../config';
import { PreferencesDto } from '../../notifications';
import { SESSION_COOKIE, WebSessionsService } from '../session/web-sessions.service';
import { duration, FORMS, plural } from '../web-format';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { pagerView } from '../web-view-models';
import { NOTIFICATION_KIND_PL } from '../web-words';
import { OpenPage, WebActor, WebController, type WebRequest } from '../web.decorators';
import { fieldErrors } from './sign-in.controller';

const isNotificationKind = (k: string): k is NotificationKind =>
  (NOTIFICATION_KINDS as readonly string[]).includes(k);

const PASSWORD_FIELDS = {
  currentPassword: { field: 'currentPassword', label: 'Obecne hasło' },
  newPassword: { field: 'newPassword', label: 'Nowe hasło' },
  newPasswordAgain: { field: 'newPasswordAgain', label: 'Nowe hasło (powtórz)' },
} as const;

/** The e-mail form's two questions, each said on its first input. */
const EMAIL_ERRORS: Record<string, FieldErrorView> = {
  emailOptOut: {
    field: 'email-tak',
    label: 'Powiadomienia e-mailem',
    message: 'Wybierz, czy chcesz otrzymywać powiadomienia e-mailem.',
  },
  emailOptOutKinds: {
    field: 'rodzaj-1',
    label: 'Rodzaje powiadomień',
    message: 'Zaznacz rodzaje powiadomień z listy.',
  },
};

type Form = Record<string, string | undefined>;
/** The settings page again: its status, the form's errors or a notice. */
type Again = { status: number; errors?: FieldErrorView[]; notice?: string };

/** The password form's refusals, on their fields (`…Refused`: the service's, after the DTO's). */
function passwordError(rule: string, next: string): FieldErrorView {
  switch (rule) {
    case 'currentPassword':
      return { ...PASSWORD_FIELDS.currentPassword, message: 'Wpisz obecne hasło.' };
    case 'currentPasswordRefused':
      return {
        ...PASSWORD_FIELDS.currentPassword,
        message: 'To nie jest Twoje obecne hasło. Wpisz hasło, którym się logujesz.',
      };
    case 'newPassword':
      return {
        ...PASSWORD_FIELDS.newPassword,
        message: next
          ? `Nowe hasło musi mieć co najmniej ${MIN_PASSWORD_LENGTH} znaków (najwyżej 1024). Długie hasło z kilku słów jest łatwe do zapamiętania.`
          : 'Wpisz nowe hasło.',
      };
    case 'newPasswordRefused':
      return { ...PASSWORD_FIELDS.newPassword, message: 'Nowe hasło musi być inne niż obecne.' };
    default:
      return {
        ...PASSWORD_FIELDS.newPasswordAgain,
        message: 'Wpisz nowe hasło drugi raz dokładnie tak samo.',
      };
  }
}
const PAGE_SIZE = 25;

/** Powiadomienia, Ustawienia (e-mail, calendar address) and the accessibility statement. */
@WebController()
export class AccountPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly notifications: NotificationsService,
    private readonly calendar: CalendarService,
    private readonly sessions: WebSessionsService,
    private readonly config: AppConfig,
  ) {}

  @Get('powiadomienia')
  async notificationsPage(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Query('strona') strona?: string,
    @Query('nieprzeczytane') unreadOnly?: string,
  ): Promise<FastifyReply> {
    const pageNo = Math.max(1, Number.parseInt(strona ?? '1', 10) || 1);
    const only = unreadOnly === '1';
    const found = await this.notifications.list(actor, {
      limit: PAGE_SIZE,
      offset: (pageNo - 1) * PAGE_SIZE,
      unread: only ? 'true' : undefined,
    });
    const link = (n: number) => `/powiadomienia?strona=${n}${only ? '&nieprzeczytane=1' : ''}`;
    return this.pages.render(req, reply, 'powiadomienia', {
      title: 'Powiadomienia',
      only,
      summary:
        found.unread === 0
          ? 'Wszystkie powiadomienia są przeczytane.'
          : `Masz ${plural(found.unread, FORMS.notification)} do przeczytania.`,
      unread: found.unread,
      items: found.items.map((n) => ({ ...n, isRead: !!n.readAt })),
      pager: pagerView(found.total, PAGE_SIZE, pageNo, link),
    });
  }

  /** Marks it read and, when it links somewhere, opens the page where its action is done. */
  @Post('powiadomienia/:id/przeczytane')
  async markRead(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const n = await this.notifications.markRead(actor, id);
    if (body.otworz === '1' && n.link) return reply.redirect(safeReturn(n.link), 303);
    return this.pages.redirect(req, reply, '/powiadomienia', {
      kind: 'success',
      text: `Oznaczono jako przeczytane: „${n.title}”.`,
    });
  }

  @Post('powiadomienia/przeczytane')
  async markAllRead(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
  ): Promise<FastifyReply> {
    const { marked } = await this.notifications.markAllRead(actor);
    return this.pages.redirect(req, reply, '/powiadomienia', {
      kind: 'success',
      text: `Oznaczono jako przeczytane: ${plural(marked, FORMS.notification)}.`,
    });
  }

  @Get('ustawienia')
  async settings(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
  ): Promise<FastifyReply> {
    return this.settingsPage(req, reply, actor);
  }

  /** The page again, with what was typed and an error summary (never a 500). */
  private async settingsPage(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    again: {
      status?: number;
      errors?: FieldErrorView[];
      notice?: string;
      emailOn?: boolean;
      emailed?: string[];
    } = {},
  ): Promise<FastifyReply> {
    const [prefs, calendar] = await Promise.all([
      this.notifications.preferences(actor),
      this.calendar.tokenStatus(actor),
    ]);
    const emailed = again.emailed ?? prefs.kinds.filter((k) => k.email).map((k) => k.kind);
    const errors = again.errors ?? [];
    return this.pages.render(
      req,
      reply,
      'ustawienia',
      {
        title: 'Ustawienia',
        emailOn: again.emailOn ?? !prefs.emailOptOut,
        kinds: NOTIFICATION_KINDS.map((kind, i) => ({
          id: `rodzaj-${i + 1}`,
          kind,
          label: NOTIFICATION_KIND_PL[kind],
          checked: again.emailed ? emailed.includes(kind) : !prefs.emailOptOutKinds.includes(kind),
        })),
        calendar,
        minPassword: MIN_PASSWORD_LENGTH,
        errors,
        notice: again.notice,
        ...fieldErrors(errors),
      },
      again.status ?? 200,
    );
  }

  /** E-mail on or off, and which kinds of notification are e-mailed (the API's same rule). */
  @Post('ustawienia/e-mail')
  async email(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Body() body: Record<string, string | string[] | undefined>,
  ): Promise<FastifyReply> {
    const choice = typeof body.email === 'string' ? body.email : '';
    const raw = body.rodzaj;
    const emailed = (Array.isArray(raw) ? raw : raw ? [raw] : []).map(String);
    const problem = (field: string) => ({ field, rule: 'choice', message: '' });
    return this.pages.submit(req, reply, {
      dto: PreferencesDto,
      input: {
        emailOptOut: choice === 'nie',
        emailOptOutKinds: NOTIFICATION_KINDS.filter((k) => !emailed.includes(k)),
      },
      // Two questions of the form: on or off, and which kinds (the DTO's list, nothing else).
      check: (_, violations) => [
        ...(choice !== 'tak' && choice !== 'nie' ? [problem('emailOptOut')] : []),
        ...(violations.length > 0 || emailed.some((k) => !isNotificationKind(k))
          ? [problem('emailOptOutKinds')]
          : []),
      ],
      invalid: (violations) => violations.map((v) => EMAIL_ERRORS[v.field]),
      run: (value) => this.notifications.updatePreferences(actor, value),
      again: (errors) =>
        this.settingsPage(req, reply, actor, {
          status: 422,
          errors,
          emailOn: choice !== 'nie',
          emailed,
        }),
      done: (after) => {
        const off = after.kinds.filter((k) => !k.email).length;
        return {
          to: '/ustawienia',
          text: after.emailOptOut
            ? 'Powiadomienia nie będą wysyłane e-mailem; nadal zobaczysz je w systemie.'
            : off === 0
              ? 'Wszystkie powiadomienia będą wysyłane także e-mailem.'
              : `Zapisano. Rodzaje powiadomień wysyłane tylko w systemie, bez e-maila: ${off}.`,
        };
      },
    });
  }

  /**
   * Changes the person's own password: signed out everywhere else (every web session, every
   * refresh token), and this browser continues in a fresh session.
   */
  @Post('ustawienia/haslo')
  async password(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const current = body.currentPassword ?? '';
    const next = body.newPassword ?? '';
    const repeated = body.newPasswordAgain ?? '';
    const rule = (field: string) => ({ field, rule: 'required', message: '' });
    return this.pages.submit(req, reply, {
      dto: ChangePasswordDto,
      // The current password is checked by the service; here only that it was typed.
      input: { currentPassword: current || 'x', newPassword: next },
      check: (_, violations) => [
        ...(current ? [] : [rule('currentPassword')]),
        ...violations.filter((v) => v.field === 'newPassword').slice(0, 1),
        ...(next && repeated !== next ? [rule('newPasswordAgain')] : []),
      ],
      invalid: (violations): Again => ({
        status: 422,
        errors: violations.map((v) => passwordError(v.field, next)),
      }),
      run: async () => {
        const token = await this.sessions.changePassword(actor, current, next, req.ip);
        void reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: this.config.production,
        });
        // The message is for the fresh session: the one of this request has ended.
        const fresh = await this.sessions.resolve(token, false);
        if (fresh)
          await this.sessions.setFlash(fresh.id, {
            kind: 'success',
            text: 'Hasło zostało zmienione. Wylogowaliśmy Cię na wszystkich innych urządzeniach i w aplikacjach; tu pracujesz dalej.',
          });
      },
      refused: (err): Again | null => {
        if (!(err instanceof DomainError)) return null;
        if (err.status === 429) {
          const wait = Number(err.details?.retryAfterSeconds ?? 60);
          void reply.header('retry-after', String(wait));
          return {
            status: 429,
            notice: `Zbyt wiele prób z błędnym obecnym hasłem. Spróbuj ponownie za ${duration(wait)}.`,
          };
        }
        const field = err.errors?.[0]?.field;
        if (field !== 'currentPassword' && field !== 'newPassword') return null;
        return { status: 422, errors: [passwordError(`${field}Refused`, next)] };
      },
      again: (e) => this.settingsPage(req, reply, actor, e),
      done: () => ({ to: '/ustawienia' }),
    });
  }

  // No fields (likewise below and the notifications' buttons): nothing to check or show again.
  @Post('ustawienia/kalendarz')
  async issueCalendar(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
  ): Promise<FastifyReply> {
    const { url } = await this.calendar.issueToken(actor);
    return this.pages.redirect(req, reply, '/ustawienia', {
      kind: 'success',
      text: 'Utworzono nowy adres kalendarza; poprzedni (jeśli był) przestał działać. Dodaj go w programie kalendarza jako subskrypcję.',
      secret: url,
    });
  }

  @Post('ustawienia/kalendarz/uniewaznij')
  async revokeCalendar(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
  ): Promise<FastifyReply> {
    await this.calendar.revokeToken(actor);
    return this.pages.redirect(req, reply, '/ustawienia', {
      kind: 'success',
      text: 'Adres kalendarza unieważniony; subskrypcje przestaną się odświeżać.',
    });
  }

  @Get('deklaracja-dostepnosci')
  @OpenPage()
  async accessibility(@Req() req: WebRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.pages.render(req, reply, 'deklaracja-dostepnosci', {
      title: 'Deklaracja dostępności',
    });
  }
}
