import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { UuidParam } from '../../common/http';
import { NotificationsService } from '../../notifications';
import { CalendarService } from '../../schedule';
import { safeReturn } from '../safe-return';
import { FORMS, plural } from '../web-format';
import { WebPages } from '../web-pages.service';
import { OpenPage, WebActor, WebController, type WebRequest } from '../web.decorators';

type Form = Record<string, string | undefined>;
const PAGE_SIZE = 25;

/** Powiadomienia, Ustawienia (e-mail, calendar address) and the accessibility statement. */
@WebController()
export class AccountPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly notifications: NotificationsService,
    private readonly calendar: CalendarService,
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
    const pages = Math.ceil(found.total / PAGE_SIZE);
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
    const [prefs, calendar] = await Promise.all([
      this.notifications.preferences(actor),
      this.calendar.tokenStatus(actor),
    ]);
    return this.pages.render(req, reply, 'ustawienia', {
      title: 'Ustawienia',
      emailOn: !prefs.emailOptOut,
      calendar,
    });
  }

  @Post('ustawienia/e-mail')
  async email(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const on = body.email === 'tak';
    if (body.email !== 'tak' && body.email !== 'nie')
      return this.pages.redirect(req, reply, '/ustawienia', {
        kind: 'error',
        text: 'Wybierz, czy chcesz otrzymywać powiadomienia e-mailem.',
      });
    await this.notifications.updatePreferences(actor, { emailOptOut: !on });
    return this.pages.redirect(req, reply, '/ustawienia', {
      kind: 'success',
      text: on
        ? 'Powiadomienia będą wysyłane także e-mailem.'
        : 'Powiadomienia nie będą wysyłane e-mailem; nadal zobaczysz je w systemie.',
    });
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
