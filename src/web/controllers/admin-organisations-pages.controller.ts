import { Body, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { DomainError, type FieldViolation } from '../../common/errors';
import { UuidParam } from '../../common/http';
import type { OrganisationView } from '../../organisations';
import {
  CreateOrganisationDto,
  ORGANISATION_KIND_PL,
  ORGANISATION_KINDS,
  OrganisationsQuery,
  OrganisationsService,
  UpdateOrganisationDto,
} from '../../organisations';
import { AdminPagesGuard } from '../admin-pages.guard';
import { plural } from '../web-format';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { formErrors, validateAs } from '../web-validate';
import { pageNumber, pagerView } from '../web-view-models';
import { ADMIN_FORMS, ADMIN_ERROR_PL, ORGANISATION_FORM } from '../web-words-admin';
import { WebActor, WebController, type WebRequest } from '../web.decorators';
import { fieldErrors } from './sign-in.controller';

type Form = Record<string, string | undefined>;
const PAGE_SIZE = 25;
const BASE = '/administracja/organizacje';
const TEXT_FIELDS = [
  'name',
  'nip',
  'regon',
  'teryt',
  'street',
  'postalCode',
  'city',
  'headTitle',
  'headName',
  'treasurerName',
  'email',
] as const;

/** The form as the API's DTO takes it (empty optional fields are left out). */
function dtoInput(body: Form): Record<string, unknown> {
  const v = (k: string) => (body[k] ?? '').trim() || undefined;
  const address =
    v('street') || v('postalCode') || v('city')
      ? { street: v('street'), postalCode: v('postalCode'), city: v('city') }
      : undefined;
  return {
    kind: v('kind'),
    name: v('name'),
    nip: v('nip'),
    regon: v('regon'),
    teryt: v('teryt'),
    address,
    headTitle: v('headTitle'),
    headName: v('headName'),
    treasurerName: v('treasurerName'),
    email: v('email'),
  };
}

function formOf(o: OrganisationView): Form {
  return {
    kind: o.kind,
    name: o.name,
    nip: o.nip,
    regon: o.regon,
    teryt: o.teryt ?? '',
    street: o.address.street ?? '',
    postalCode: o.address.postalCode ?? '',
    city: o.address.city ?? '',
    headTitle: o.headTitle ?? '',
    headName: o.headName ?? '',
    treasurerName: o.treasurerName ?? '',
    email: o.email ?? '',
  };
}

/** A service's refusal naming fields (TERYT rule, NIP/REGON taken) as the form's violations. */
function refusal(err: unknown): FieldViolation[] {
  if (!(err instanceof DomainError)) throw err;
  const listed = err.errors ?? (err.details?.errors as FieldViolation[] | undefined);
  if (listed?.length) return listed;
  throw err;
}

/**
 * Administracja → Organizacje: the register of local governments (search, paging), a new one and
 * editing one, with the API's own NIP/REGON/TERYT rules said in Polish.
 */
@UseGuards(AdminPagesGuard)
@WebController()
export class AdminOrganisationsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get('administracja/organizacje')
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Query() query: Form,
  ): Promise<FastifyReply> {
    const q = (query.q ?? '').trim() || undefined;
    const pageNo = pageNumber(query.strona);
    const { value, violations } = await validateAs(OrganisationsQuery, {
      q,
      limit: PAGE_SIZE,
      offset: (pageNo - 1) * PAGE_SIZE,
    });
    if (violations.length > 0)
      return this.pages.render(
        req,
        reply,
        'admin-organizacje',
        {
          title: 'Organizacje',
          q: q ?? '',
          errors: [{ field: 'q', label: 'Szukaj', message: 'Wpisz najwyżej 100 znaków.' }],
        },
        422,
      );
    const found = await this.organisations.list(value);
    const link = (n: number) =>
      `${BASE}?${new URLSearchParams({ ...(q ? { q } : {}), strona: String(n) }).toString()}`;
    return this.pages.render(req, reply, 'admin-organizacje', {
      title: 'Organizacje',
      q: q ?? '',
      filtered: !!q,
      summary:
        found.total === 0
          ? 'Nie znaleziono jednostek.'
          : `Znaleziono ${plural(found.total, ADMIN_FORMS.organisation)}.`,
      items: found.items.map((o) => ({
        ...o,
        href: `${BASE}/${o.id}`,
        kindLabel: ORGANISATION_KIND_PL[o.kind],
      })),
      pager: pagerView(found.total, PAGE_SIZE, pageNo, link),
    });
  }

  @Get('administracja/organizacje/nowa')
  async newOrganisation(@Req() req: WebRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.formPage(req, reply, null, {});
  }

  @Post('administracja/organizacje')
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    return this.pages.submit(req, reply, {
      dto: CreateOrganisationDto,
      input: dtoInput(body),
      invalid: (violations) => formErrors(ORGANISATION_FORM, violations),
      run: (value) => this.organisations.create(actor, value),
      refused: (err) => formErrors(ORGANISATION_FORM, refusal(err)),
      again: (errors) => this.formPage(req, reply, null, body, errors),
      done: (o) => ({ to: BASE, text: `Zarejestrowano jednostkę: ${o.name} (NIP ${o.nip}).` }),
    });
  }

  @Get('administracja/organizacje/:id')
  async edit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    const o = await this.organisations.get(id);
    return this.formPage(req, reply, o, formOf(o));
  }

  @Post('administracja/organizacje/:id')
  async update(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const current = await this.organisations.get(id);
    // The form again: with its errors, or (made for an older version) with the current data.
    type Again = { errors: FieldErrorView[] } | { stale: 'form' | 'saved' };
    return this.pages.submit(req, reply, {
      dto: UpdateOrganisationDto,
      input: { ...dtoInput(body), version: Number(body.version) },
      invalid: (violations): Again => {
        const errors = formErrors(
          ORGANISATION_FORM,
          violations.filter((v) => v.field !== 'version'),
        );
        return errors.length > 0 ? { errors } : { stale: 'form' };
      },
      run: (value) => this.organisations.update(actor, id, value),
      refused: (err): Again =>
        err instanceof DomainError && err.code === 'ORGANISATION_VERSION_CONFLICT'
          ? { stale: 'saved' }
          : { errors: formErrors(ORGANISATION_FORM, refusal(err)) },
      again: async (e) => {
        if ('errors' in e) return this.formPage(req, reply, current, body, e.errors);
        const fresh = e.stale === 'saved' ? await this.organisations.get(id) : current;
        const notice = ADMIN_ERROR_PL.ORGANISATION_VERSION_CONFLICT;
        return this.formPage(req, reply, fresh, formOf(fresh), [], notice);
      },
      done: (o) => ({ to: BASE, text: `Zapisano dane jednostki: ${o.name}.` }),
    });
  }

  private formPage(
    req: WebRequest,
    reply: FastifyReply,
    existing: OrganisationView | null,
    form: Form,
    errors: FieldErrorView[] = [],
    notice?: string,
  ): Promise<FastifyReply> {
    const values: Record<string, string> = {};
    for (const k of TEXT_FIELDS) values[k] = form[k] ?? '';
    return this.pages.render(
      req,
      reply,
      'admin-organizacja',
      {
        title: existing ? `Dane jednostki: ${existing.name}` : 'Rejestracja jednostki',
        existing,
        action: existing ? `${BASE}/${existing.id}` : BASE,
        form: values,
        version: existing?.version,
        kinds: ORGANISATION_KINDS.map((k) => ({
          value: k,
          label: ORGANISATION_KIND_PL[k],
          selected: k === form.kind,
        })),
        errors,
        notice,
        ...fieldErrors(errors),
      },
      errors.length > 0 || notice ? (notice ? 409 : 422) : 200,
    );
  }
}
