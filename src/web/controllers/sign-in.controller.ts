import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { DomainError } from '../../common/errors';
import { AppConfig } from '../../config';
import { SESSION_COOKIE, WebSessionsService } from '../session/web-sessions.service';
import { safeReturn } from '../safe-return';
import { duration } from '../web-format';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import {
  OpenPage,
  WebActor,
  WebController,
  WebSessionOf,
  type WebRequest,
} from '../web.decorators';
import type { ActiveSession } from '../session/web-sessions.service';

type Form = Record<string, string | undefined>;

/** Sign-in and sign-out, the idle-timeout extension and the switch of working context. */
@WebController()
export class SignInController {
  constructor(
    private readonly pages: WebPages,
    private readonly sessions: WebSessionsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @OpenPage()
  home(@Req() req: WebRequest, @Res() reply: FastifyReply): FastifyReply {
    return reply.redirect(req.webSession ? '/zadania' : '/logowanie', 303);
  }

  @Get('logowanie')
  @OpenPage()
  async form(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Query('powrot') powrot?: string,
    @Query('wylogowano') signedOut?: string,
  ): Promise<FastifyReply> {
    if (req.webSession) return reply.redirect(safeReturn(powrot), 303);
    return this.pages.render(req, reply, 'logowanie', {
      title: 'Logowanie',
      powrot: safeReturn(powrot, ''),
      signedOut: signedOut === '1',
      email: '',
    });
  }

  @Post('logowanie')
  @OpenPage()
  async signIn(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const email = (body.email ?? '').trim();
    const password = body.password ?? '';
    const powrot = safeReturn(body.powrot, '');
    const again = (status: number, errors: FieldErrorView[], notice?: string) =>
      this.pages.render(
        req,
        reply,
        'logowanie',
        { title: 'Logowanie', email, powrot, errors, notice, ...fieldErrors(errors) },
        status,
      );
    const missing: FieldErrorView[] = [];
    if (!email)
      missing.push({
        field: 'email',
        label: 'Adres e-mail',
        message: 'Wpisz adres e-mail, którym logujesz się do systemu.',
      });
    else if (email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email))
      missing.push({
        field: 'email',
        label: 'Adres e-mail',
        message: 'Wpisz adres e-mail w postaci nazwa@urzad.pl.',
      });
    if (!password) missing.push({ field: 'password', label: 'Hasło', message: 'Wpisz hasło.' });
    else if (password.length > 200)
      missing.push({
        field: 'password',
        label: 'Hasło',
        message: 'Hasło jest za długie (najwyżej 200 znaków).',
      });
    if (missing.length > 0) return again(422, missing);
    try {
      const { token } = await this.sessions.signIn(email, password, req.ip, String(req.id));
      void reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: this.config.production,
      });
      return reply.redirect(powrot || '/zadania', 303);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.status === 429) {
        const wait = Number(err.details?.retryAfterSeconds ?? 60);
        void reply.header('retry-after', String(wait));
        return again(
          429,
          [],
          `Zbyt wiele nieudanych prób logowania na ten adres e-mail z tego komputera. Spróbuj ponownie za ${duration(wait)}.`,
        );
      }
      if (err.status === 401)
        return again(401, [
          {
            field: 'email',
            label: 'Adres e-mail lub hasło',
            message: 'Nieprawidłowy adres e-mail lub hasło. Sprawdź oba pola i spróbuj ponownie.',
          },
        ]);
      throw err;
    }
  }

  @Get('wyloguj')
  async confirmSignOut(@Req() req: WebRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.pages.render(req, reply, 'wyloguj', { title: 'Wylogowanie' });
  }

  @Post('wyloguj')
  async signOut(
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @WebSessionOf() session: ActiveSession,
  ): Promise<FastifyReply> {
    await this.sessions.signOut(actor, session.id);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/logowanie?wylogowano=1', 303);
  }

  /** The guard has already moved the idle expiry on; this only goes back to the page. */
  @Post('sesja/przedluz')
  async extend(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    return this.pages.redirect(req, reply, safeReturn(body.powrot), {
      kind: 'success',
      text: 'Sesja została przedłużona.',
    });
  }

  @Post('kontekst')
  async switchContext(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Body() body: Form,
    @WebActor() actor: Actor,
    @WebSessionOf() session: ActiveSession,
  ): Promise<FastifyReply> {
    const wanted = body.kontekst ?? '';
    const valid = actor.memberships.some((m) => `${m.organisationId}:${m.role}` === wanted);
    await this.sessions.setContext(session.id, valid ? wanted : null);
    return this.pages.redirect(req, reply, safeReturn(body.powrot), {
      kind: 'info',
      text: valid ? 'Zmieniono kontekst pracy.' : 'Pokazuję zadania ze wszystkich Twoich ról.',
    });
  }
}

/** `{emailError: '…'}` for the field partials, from the error summary's list. */
export function fieldErrors(errors: FieldErrorView[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[`${e.field}Error`] ??= e.message;
  return out;
}
