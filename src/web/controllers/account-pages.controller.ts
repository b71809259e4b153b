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
import { validateAs } from '../web-validate';
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

type Form = Record<string, string | undefined>;
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
    const errors: FieldErrorView[] = [];
    if (choice !== 'tak' && choice !== 'nie')
      errors.push({
        field: 'email-tak',
        label: 'Powiadomienia e-mailem',
        message: 'Wybierz, czy chcesz otrzymywać powiadomienia e-mailem.',
      });
    const { value, violations } = await validateAs(PreferencesDto, {
      emailOptOut: choice === 'nie',
      emailOptOutKinds: NOTIFICATION_KINDS.filter((k) => !emailed.includes(k)),
    });
    if (violations.length > 0 || emailed.some((k) => !isNotificationKind(k)))
      errors.push({
        field: 'rodzaj-1',
        label: 'Rodzaje powiadomień',
        message: 'Zaznacz rodzaje powiadomień z listy.',
      });
    if (errors.length > 0)
      return this.settingsPage(req, reply, actor, {
        status: 422,
        errors,
        emailOn: choice !== 'nie',
        emailed,
      });
    const after = await this.notifications.updatePreferences(actor, value);
    const off = after.kinds.filter((k) => !k.email).length;
    return this.pages.redirect(req, reply, '/ustawienia', {
      kind: 'success',
      text: after.emailOptOut
        ? 'Powiadomienia nie będą wysyłane e-mailem; nadal zobaczysz je w systemie.'
        : off === 0
          ? 'Wszystkie powiadomienia będą wysyłane także e-mailem.'
          : `Zapisano. Rodzaje powiadomień wysyłane tylko w systemie, bez e-maila: ${off}.`,
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
    const errors: FieldErrorView[] = [];
    if (!current)
      errors.push({ ...PASSWORD_FIELDS.currentPassword, message: 'Wpisz obecne hasło.' });
    const { violations } = await validateAs(ChangePasswordDto, {
      currentPassword: current || 'x',
      newPassword: next,
    });
    if (violations.some((v) => v.field === 'newPassword'))
      errors.push({
        ...PASSWORD_FIELDS.newPassword,
        message: next
          ? `Nowe hasło musi mieć co najmniej ${MIN_PASSWORD_LENGTH} znaków (najwyżej 1024). Długie hasło z kilku słów jest łatwe do zapamiętania.`
          : 'Wpisz nowe hasło.',
      });
    if (next && repeated !== next)
      errors.push({
        ...PASSWORD_FIELDS.newPasswordAgain,
        message: 'Wpisz nowe hasło drugi raz dokładnie tak samo.',
      });
    if (errors.length > 0) return this.settingsPage(req, reply, actor, { status: 422, errors });
    try {
      const token = await this.sessions.changePassword(actor, current, next, req.ip);
      void reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: this.config.production,
      });
      const fresh = await this.sessions.resolve(token, false);
      if (fresh)
        await this.sessions.setFlash(fresh.id, {
          kind: 'success',
          text: 'Hasło zostało zmienione. Wylogowaliśmy Cię na wszystkich innych urządzeniach i w aplikacjach; tu pracujesz dalej.',
        });
      return reply.redirect('/ustawienia', 303);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.status === 429) {
        const wait = Number(err.details?.retryAfterSeconds ?? 60);
        void reply.header('retry-after', String(wait));
        return this.settingsPage(req, reply, actor, {
          status: 429,
          notice: `Zbyt wiele prób z błędnym obecnym hasłem. Spróbuj ponownie za ${duration(wait)}.`,
        });
      }
      const field = err.errors?.[0]?.field;
      if (field === 'currentPassword')
        return this.settingsPage(req, reply, actor, {
          status: 422,
          errors: [
            {
              ...PASSWORD_FIELDS.currentPassword,
              message: 'To nie jest Twoje obecne hasło. Wpisz hasło, którym się logujesz.',
            },
          ],
        });
      if (field === 'newPassword')
        return this.settingsPage(req, reply, actor, {
          status: 422,
          errors: [
            {
              ...PASSWORD_FIELDS.newPassword,
              message: 'Nowe hasło musi być inne niż obecne.',
            },
          ],
        });
      throw err;
    }
  }

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
