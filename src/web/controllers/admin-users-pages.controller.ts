import { Body, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor, UserView } from '../../auth';
import {
  CreateUserDto,
  MembershipInput,
  ROLES,
  UpdateUserDto,
  UsersQuery,
  UsersService,
} from '../../auth';
import { DomainError, type FieldViolation } from '../../common/errors';
import { UuidParam } from '../../common/http';
import { OrganisationsService } from '../../organisations';
import { AdminPagesGuard } from '../admin-pages.guard';
import { plural } from '../web-format';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { formErrors, validateAs } from '../web-validate';
import { pageNumber, pagerView } from '../web-view-models';
import { ADMIN_FORMS, USER_FORM } from '../web-words-admin';
import { ROLE_PL } from '../web-words';
import { WebActor, WebController, type WebRequest } from '../web.decorators';
import { fieldErrors } from './sign-in.controller';

type Form = Record<string, string | undefined>;
const PAGE_SIZE = 25;
const BASE = '/administracja/uzytkownicy';

/** What a service's refusal says about a field of the user forms (a 4xx, never a 500). */
function refusal(err: unknown): FieldViolation[] {
  if (!(err instanceof DomainError)) throw err;
  if (err.code === 'USER_EMAIL_TAKEN') return [{ field: 'email', rule: 'unique', message: '' }];
  if (err.code === 'MEMBERSHIP_EXISTS')
    return [{ field: 'membership', rule: 'exists', message: '' }];
  if (err.code === 'ORGANISATION_NOT_FOUND')
    return [{ field: 'organisationId', rule: 'exists', message: '' }];
  throw err;
}

/**
 * Administracja → Użytkownicy: the list (search, paging), a new account, one account with its
 * roles per organisation (grant; revoke after a review), password reset, deactivation after a
 * review and reactivation. The same UsersService and `user.manage` rule as /api/v1/admin/users.
 */
@UseGuards(AdminPagesGuard)
@WebController()
export class AdminUsersPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get('administracja/uzytkownicy')
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Query() query: Form,
  ): Promise<FastifyReply> {
    const q = (query.q ?? '').trim() || undefined;
    const pageNo = pageNumber(query.strona);
    const { value, violations } = await validateAs(UsersQuery, {
      q,
      limit: PAGE_SIZE,
      offset: (pageNo - 1) * PAGE_SIZE,
    });
    if (violations.length > 0)
      return this.pages.render(
        req,
        reply,
        'admin-uzytkownicy',
        {
          title: 'Użytkownicy',
          q: q ?? '',
          errors: [{ field: 'q', label: 'Szukaj', message: 'Wpisz najwyżej 100 znaków.' }],
        },
        422,
      );
    const found = await this.users.list(actor, value);
    const link = (n: number) =>
      `${BASE}?${new URLSearchParams({ ...(q ? { q } : {}), strona: String(n) }).toString()}`;
    return this.pages.render(req, reply, 'admin-uzytkownicy', {
      title: 'Użytkownicy',
      q: q ?? '',
      filtered: !!q,
      summary:
        found.total === 0
          ? 'Nie znaleziono użytkowników.'
          : `Znaleziono ${plural(found.total, ADMIN_FORMS.user)}.`,
      items: found.items.map((u) => ({ ...userRows(u), href: `${BASE}/${u.id}` })),
      pager: pagerView(found.total, PAGE_SIZE, pageNo, link),
    });
  }

  @Get('administracja/uzytkownicy/nowy')
  async newUser(@Req() req: WebRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.newUserPage(req, reply, {});
  }

  @Post('administracja/uzytkownicy')
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const role = body.role || undefined;
    const organisationId = body.organisationId || undefined;
    return this.pages.submit(req, reply, {
      dto: CreateUserDto,
      input: {
        email: (body.email ?? '').trim() || undefined,
        displayName: (body.displayName ?? '').trim() || undefined,
        password: body.password || undefined,
        memberships: role || organisationId ? [{ organisationId, role }] : undefined,
      },
      invalid: (violations) =>
        formErrors(
          USER_FORM,
          violations.map((v) => ({ ...v, field: v.field.replace(/^memberships\[0\]\./, '') })),
        ),
      run: (value) => this.users.create(actor, value),
      refused: (err) => formErrors(USER_FORM, refusal(err)),
      again: (errors) => this.newUserPage(req, reply, body, errors),
      done: (user) => ({
        to: `${BASE}/${user.id}`,
        text: `Utworzono konto ${user.email}. Przekaż tej osobie hasło startowe inną drogą niż e-mail; zmieni je w Ustawieniach.`,
      }),
    });
  }

  @Get('administracja/uzytkownicy/:id')
  async detail(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    return this.userPage(req, reply, actor, id);
  }

  @Post('administracja/uzytkownicy/:id/role')
  async grant(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    return this.pages.submit(req, reply, {
      dto: MembershipInput,
      input: { organisationId: body.organisationId || undefined, role: body.role || undefined },
      invalid: (violations) => formErrors(USER_FORM, violations),
      run: (value) => this.users.addMembership(actor, id, value),
      refused: (err) => formErrors(USER_FORM, refusal(err)),
      again: (errors) => this.userPage(req, reply, actor, id, { errors, form: body }),
      done: (user, value) => {
        const m = user.memberships.find(
          (x) => x.organisationId === value.organisationId && x.role === value.role,
        );
        return {
          to: `${BASE}/${id}`,
          text: `Nadano rolę: ${m?.organisationName ?? ''} – ${ROLE_PL[value.role]}. Działa od następnej strony otwartej przez tę osobę.`,
        };
      },
    });
  }

  /** The review page before a role is taken away (WCAG 3.3.4: a change that is hard to undo). */
  @Post('administracja/uzytkownicy/:id/role/odbierz/sprawdz')
  async reviewRevoke(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const user = await this.users.get(actor, id);
    const m = user.memberships.find(
      (x) => x.organisationId === body.organisationId && x.role === body.role,
    );
    if (!m) return this.pages.redirect(req, reply, `${BASE}/${id}`, NOTHING_TO_REVOKE);
    return this.pages.render(req, reply, 'admin-sprawdz', {
      title: 'Sprawdź przed odebraniem roli',
      heading: `Sprawdź przed odebraniem roli: ${user.displayName}`,
      lead: 'Od następnej otwartej strony ta osoba nie zobaczy spraw tej jednostki w tej roli ani nie wykona jej kroków. Decyzje podjęte wcześniej zostają w historii.',
      facts: [
        { label: 'Osoba', value: `${user.displayName} (${user.email})` },
        { label: 'Jednostka', value: m.organisationName },
        { label: 'Rola', value: ROLE_PL[m.role] },
      ],
      action: `${BASE}/${id}/role/odbierz`,
      hidden: [
        { name: 'organisationId', value: m.organisationId },
        { name: 'role', value: m.role },
      ],
      button: 'Odbieram rolę',
      back: `${BASE}/${id}`,
    });
  }

  @Post('administracja/uzytkownicy/:id/role/odbierz')
  async revoke(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const role = body.role ?? '';
    const organisationId = body.organisationId ?? '';
    const { violations } = await validateAs(MembershipInput, { organisationId, role });
    if (violations.length > 0)
      return this.pages.redirect(req, reply, `${BASE}/${id}`, NOTHING_TO_REVOKE);
    try {
      await this.users.removeMembership(actor, id, organisationId, role);
    } catch (err) {
      // A second submission of the same confirmation changes nothing.
      if (err instanceof DomainError && err.status === 404 && err.code !== 'USER_NOT_FOUND')
        return this.pages.redirect(req, reply, `${BASE}/${id}`, NOTHING_TO_REVOKE);
      throw err;
    }
    return this.pages.redirect(req, reply, `${BASE}/${id}`, {
      kind: 'success',
      text: `Odebrano rolę: ${ROLE_PL[role] ?? role}.`,
    });
  }

  @Post('administracja/uzytkownicy/:id/dezaktywuj/sprawdz')
  async reviewDeactivate(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    const user = await this.users.get(actor, id);
    return this.pages.render(req, reply, 'admin-sprawdz', {
      title: 'Sprawdź przed zablokowaniem konta',
      heading: `Sprawdź przed zablokowaniem konta: ${user.displayName}`,
      lead: 'Osoba zostanie od razu wylogowana w przeglądarce i w programach korzystających z API i nie zaloguje się, dopóki konto nie zostanie odblokowane. Jej role i decyzje zostają zapisane.',
      facts: [
        { label: 'Osoba', value: `${user.displayName} (${user.email})` },
        {
          label: 'Role',
          value: user.memberships.length
            ? user.memberships.map((m) => `${m.organisationName} – ${ROLE_PL[m.role]}`).join('; ')
            : 'brak',
        },
      ],
      action: `${BASE}/${id}/dezaktywuj`,
      hidden: [],
      button: 'Blokuję konto',
      back: `${BASE}/${id}`,
    });
  }

  @Post('administracja/uzytkownicy/:id/dezaktywuj')
  async deactivate(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    return this.setActive(req, reply, actor, id, false);
  }

  @Post('administracja/uzytkownicy/:id/aktywuj')
  async activate(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    return this.setActive(req, reply, actor, id, true);
  }

  /** A new password set by the administrator: every session of that person ends. */
  @Post('administracja/uzytkownicy/:id/haslo')
  async resetPassword(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    return this.pages.submit(req, reply, {
      dto: UpdateUserDto,
      input: { password: body.password ?? '' },
      invalid: (violations) =>
        formErrors(USER_FORM, violations).map((e) => ({ ...e, field: 'newPassword' })),
      run: (value) => this.users.update(actor, id, value),
      again: (errors) => this.userPage(req, reply, actor, id, { errors }),
      done: (user) => ({
        to: `${BASE}/${id}`,
        text: `Ustawiono nowe hasło dla ${user.email}. Ta osoba została wylogowana ze wszystkich sesji; przekaż jej hasło inną drogą niż e-mail.`,
      }),
    });
  }

  private async setActive(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    active: boolean,
  ): Promise<FastifyReply> {
    if (!active && id === actor.userId)
      return this.pages.redirect(req, reply, `${BASE}/${id}`, {
        kind: 'error',
        text: 'Nie możesz zablokować własnego konta; poproś o to innego administratora.',
      });
    const before = await this.users.get(actor, id);
    if (before.active !== active) await this.users.update(actor, id, { active });
    return this.pages.redirect(req, reply, `${BASE}/${id}`, {
      kind: 'success',
      text: active
        ? `Konto ${before.email} jest aktywne; ta osoba może się zalogować.`
        : `Konto ${before.email} jest zablokowane; wszystkie sesje tej osoby zakończono.`,
    });
  }

  private async choices(): Promise<{
    organisations: { value: string; label: string }[];
    roles: { value: string; label: string }[];
  }> {
    const orgs = await this.organisations.list({ limit: 200, offset: 0 });
    return {
      organisations: orgs.items.map((o) => ({ value: o.id, label: o.name })),
      roles: ROLES.map((r) => ({ value: r, label: ROLE_PL[r] })),
    };
  }

  private async newUserPage(
    req: WebRequest,
    reply: FastifyReply,
    form: Form,
    errors: FieldErrorView[] = [],
  ): Promise<FastifyReply> {
    const { organisations, roles } = await this.choices();
    return this.pages.render(
      req,
      reply,
      'admin-uzytkownik-nowy',
      {
        title: 'Nowe konto użytkownika',
        form: { email: form.email ?? '', displayName: form.displayName ?? '' },
        organisations: selected(organisations, form.organisationId),
        roles: selected(roles, form.role),
        errors,
        ...fieldErrors(errors),
      },
      errors.length > 0 ? 422 : 200,
    );
  }

  private async userPage(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    again: { errors?: FieldErrorView[]; form?: Form } = {},
  ): Promise<FastifyReply> {
    const [user, { organisations, roles }] = await Promise.all([
      this.users.get(actor, id),
      this.choices(),
    ]);
    const errors = again.errors ?? [];
    return this.pages.render(
      req,
      reply,
      'admin-uzytkownik',
      {
        title: `Konto: ${user.displayName}`,
        account: { ...userRows(user), self: user.id === actor.userId },
        organisations: selected(organisations, again.form?.organisationId),
        roles: selected(roles, again.form?.role),
        errors,
        ...fieldErrors(errors),
      },
      errors.length > 0 ? 422 : 200,
    );
  }
}

const NOTHING_TO_REVOKE = {
  kind: 'info',
  text: 'Ta osoba nie ma tej roli; nic nie zmieniono.',
} as const;

function userRows(u: UserView) {
  return {
    ...u,
    badge: u.active
      ? { tone: 'success', icon: '✓', label: 'aktywne' }
      : { tone: 'danger', icon: '✕', label: 'zablokowane' },
    roles: u.memberships.map((m) => ({
      ...m,
      roleLabel: ROLE_PL[m.role] ?? m.role,
    })),
  };
}

function selected<T extends { value: string }>(options: T[], value: string | undefined) {
  return options.map((o) => ({ ...o, selected: o.value === value }));
}
