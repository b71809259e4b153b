import { Body, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { DomainError, type FieldViolation } from '../../common/errors';
import { todayInWarsaw } from '../../common/dates';
import { UuidParam } from '../../common/http';
import { OrganisationsService } from '../../organisations';
import {
  AddMemberDto,
  CreatePartnershipDto,
  InvitationsService,
  LeaveDto,
  PartnershipsQuery,
  PartnershipsService,
  UpdatePartnershipDto,
  type PartnershipView,
} from '../../partnerships';
import { AdminPagesGuard } from '../admin-pages.guard';
import { dateLong, plural } from '../web-format';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { formErrors, validateAs } from '../web-validate';
import { pageNumber, pagerView } from '../web-view-models';
import { ADMIN_FORMS, ADMIN_ERROR_PL, PARTNERSHIP_FORM } from '../web-words-admin';
import { INVITATION_ACCEPTOR_PL, INVITATION_STATUS_PL } from '../web-words';
import { WebActor, WebController, type WebRequest } from '../web.decorators';
import { fieldErrors } from './sign-in.controller';

type Form = Record<string, string | undefined>;
const PAGE_SIZE = 25;
const BASE = '/administracja/partnerstwa';
const trimmed = (v: string | undefined) => (v ?? '').trim() || undefined;

/** The page of a partnership again: its form's errors, or a notice above it. */
type Again = { errors?: FieldErrorView[]; notice?: string };

/** An organisation named in the form that does not exist, as the error of its field. */
function unknownOrganisation(err: unknown, field: string): FieldErrorView[] | null {
  if (!(err instanceof DomainError) || err.code !== 'ORGANISATION_NOT_FOUND') return null;
  return formErrors(PARTNERSHIP_FORM, [{ field, rule: 'exists', message: '' }]);
}

/** A refusal that names a field, as the form's violations; a 422 code without one as a notice. */
function refusal(err: unknown): { violations: FieldViolation[]; notice?: string } {
  if (!(err instanceof DomainError)) throw err;
  const listed = err.errors ?? (err.details?.errors as FieldViolation[] | undefined);
  if (listed?.length) return { violations: listed };
  const notice = ADMIN_ERROR_PL[err.code];
  if (notice) return { violations: [], notice };
  throw err;
}

/**
 * Administracja → Partnerstwa: the list, a new partnership with its leader, and one partnership's
 * membership over time: join from a date, leave on a date (after a review: the leaving partner's
 * shares in open tenders are withdrawn). The same PartnershipsService as the API.
 */
@UseGuards(AdminPagesGuard)
@WebController()
export class AdminPartnershipsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly partnerships: PartnershipsService,
    private readonly organisations: OrganisationsService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get('administracja/partnerstwa')
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Query() query: Form,
  ): Promise<FastifyReply> {
    return this.listPage(req, reply, actor, query, {});
  }

  @Post('administracja/partnerstwa')
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    return this.pages.submit(req, reply, {
      dto: CreatePartnershipDto,
      input: {
        name: trimmed(body.name),
        leaderOrganisationId: trimmed(body.leaderOrganisationId),
        agreementReference: trimmed(body.agreementReference),
        agreementSignedOn: trimmed(body.agreementSignedOn),
      },
      invalid: (violations) => formErrors(PARTNERSHIP_FORM, violations),
      run: (value) => this.partnerships.create(actor, value),
      refused: (err) => unknownOrganisation(err, 'leaderOrganisationId'),
      again: (errors) => this.listPage(req, reply, actor, {}, { errors, form: body }),
      done: (p) => ({
        to: `${BASE}/${p.id}`,
        text: `Utworzono partnerstwo ${p.name}; lider ${p.leader.name} jest jego członkiem od ${dateLong(p.members[0]?.joinedOn)}.`,
      }),
    });
  }

  @Get('administracja/partnerstwa/:id')
  async detail(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    return this.partnershipPage(req, reply, actor, id, {});
  }

  @Post('administracja/partnerstwa/:id/czlonkowie')
  async join(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    return this.pages.submit(req, reply, {
      dto: AddMemberDto,
      input: { organisationId: trimmed(body.organisationId), joinedOn: trimmed(body.joinedOn) },
      invalid: (violations): Again => ({ errors: formErrors(PARTNERSHIP_FORM, violations) }),
      run: async (value) => {
        const result = await this.partnerships.addMember(actor, id, value);
        return { joined: 'joined' in result, p: await this.partnerships.get(actor, id) };
      },
      refused: (err): Again => {
        const unknown = unknownOrganisation(err, 'organisationId');
        if (unknown) return { errors: unknown };
        const r = refusal(err);
        return { errors: formErrors(PARTNERSHIP_FORM, r.violations), notice: r.notice };
      },
      again: (e) => this.partnershipPage(req, reply, actor, id, { ...e, form: body }),
      done: ({ joined, p }, value) => {
        const m = p.members.find((x) => x.organisation.id === value.organisationId);
        return {
          to: `${BASE}/${id}`,
          text: joined
            ? `${m?.organisation.name ?? 'Jednostka'} jest członkiem partnerstwa od ${dateLong(value.joinedOn)}.`
            : 'Wysłano zaproszenie do partnerstwa: jednostka stanie się członkiem, gdy jej kierownik je przyjmie.',
        };
      },
    });
  }

  /** The partnership's own data: name, the agreement, who accepts invitations (its `version`). */
  @Post('administracja/partnerstwa/:id')
  async update(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    // A form without a valid version is one made for an older state, like a stale version.
    const stale = { notice: ADMIN_ERROR_PL.PARTNERSHIP_VERSION_CONFLICT };
    return this.pages.submit(req, reply, {
      dto: UpdatePartnershipDto,
      input: {
        version: Number(body.version),
        name: trimmed(body.name),
        agreementReference: trimmed(body.agreementReference),
        agreementSignedOn: trimmed(body.agreementSignedOn),
        invitationAcceptedBy: trimmed(body.invitationAcceptedBy),
      },
      invalid: (violations): Again & { edit?: Form } => {
        const errors = formErrors(
          PARTNERSHIP_FORM,
          violations.filter((v) => v.field !== 'version'),
        );
        return errors.length > 0 ? { errors, edit: body } : stale;
      },
      run: (value) => this.partnerships.update(actor, id, value),
      refused: (err) =>
        err instanceof DomainError && err.code === 'PARTNERSHIP_VERSION_CONFLICT' ? stale : null,
      again: (e) => this.partnershipPage(req, reply, actor, id, e),
      done: () => ({ to: `${BASE}/${id}`, text: 'Zapisano dane partnerstwa.' }),
    });
  }

  /** The review page before a partner leaves (its shares in open tenders are withdrawn). */
  @Post('administracja/partnerstwa/:id/czlonkowie/:organisationId/wystap/sprawdz')
  async reviewLeave(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('organisationId', UuidParam) organisationId: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    // The member's own date field is named after it (several members, one page).
    const leftOn = trimmed(body[`leftOn-${organisationId}`] ?? body.leftOn);
    const { value, violations } = await validateAs(LeaveDto, { leftOn });
    const p = await this.partnerships.get(actor, id);
    const m = p.members.find((x) => x.organisation.id === organisationId && x.leftOn === null);
    const errors = formErrors(PARTNERSHIP_FORM, violations).map((e) => ({
      ...e,
      field: `leftOn-${organisationId}`,
    }));
    if (errors.length > 0 || !m)
      return this.partnershipPage(req, reply, actor, id, {
        errors,
        notice: m ? undefined : ADMIN_ERROR_PL.MEMBERSHIP_NOT_FOUND,
      });
    return this.pages.render(req, reply, 'admin-sprawdz', {
      title: 'Sprawdź przed wystąpieniem z partnerstwa',
      heading: `Sprawdź przed wystąpieniem z partnerstwa: ${m.organisation.name}`,
      lead: 'Udziały tej jednostki w postępowaniach, które jeszcze zbierają udziały lub czekają na ogłoszenie, zostaną wycofane, a lider dostanie powiadomienie. Historia członkostwa zostaje zapisana.',
      facts: [
        { label: 'Partnerstwo', value: p.name },
        { label: 'Jednostka', value: m.organisation.name },
        { label: 'Członek od', value: dateLong(m.joinedOn) },
        { label: 'Ostatni dzień członkostwa', value: dateLong(value.leftOn) },
      ],
      action: `${BASE}/${id}/czlonkowie/${organisationId}/wystap`,
      hidden: [{ name: 'leftOn', value: value.leftOn }],
      button: 'Zapisuję wystąpienie z partnerstwa',
      back: `${BASE}/${id}`,
    });
  }

  @Post('administracja/partnerstwa/:id/czlonkowie/:organisationId/wystap')
  async leave(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('organisationId', UuidParam) organisationId: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    // The member's own date field is named after it (several members, one page).
    const own = (errors: FieldErrorView[]) =>
      errors.map((e) => ({ ...e, field: `leftOn-${organisationId}` }));
    return this.pages.submit(req, reply, {
      dto: LeaveDto,
      input: { leftOn: trimmed(body.leftOn) },
      invalid: (violations): Again => ({ errors: own(formErrors(PARTNERSHIP_FORM, violations)) }),
      run: (value) => this.partnerships.leave(actor, id, organisationId, value.leftOn),
      refused: (err): Again => {
        if (err instanceof DomainError && err.status === 404 && err.code === 'MEMBERSHIP_NOT_FOUND')
          return { errors: [], notice: ADMIN_ERROR_PL.MEMBERSHIP_NOT_FOUND };
        const r = refusal(err);
        return { errors: own(formErrors(PARTNERSHIP_FORM, r.violations)), notice: r.notice };
      },
      again: (e) => this.partnershipPage(req, reply, actor, id, e),
      done: (_done, value) => ({
        to: `${BASE}/${id}`,
        text: `Zapisano wystąpienie z partnerstwa; ostatni dzień członkostwa: ${dateLong(value.leftOn)}.`,
      }),
    });
  }

  private async organisationChoices(selectedId?: string, except: string[] = []) {
    const orgs = await this.organisations.list({ limit: 200, offset: 0 });
    return orgs.items
      .filter((o) => !except.includes(o.id))
      .map((o) => ({ value: o.id, label: o.name, selected: o.id === selectedId }));
  }

  private async listPage(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    query: Form,
    again: { errors?: FieldErrorView[]; form?: Form },
  ): Promise<FastifyReply> {
    const q = trimmed(query.q);
    const pageNo = pageNumber(query.strona);
    const { value, violations } = await validateAs(PartnershipsQuery, {
      q,
      limit: PAGE_SIZE,
      offset: (pageNo - 1) * PAGE_SIZE,
    });
    const errors = again.errors ?? [];
    if (violations.length > 0)
      errors.push({ field: 'q', label: 'Szukaj', message: 'Wpisz najwyżej 100 znaków.' });
    const found = violations.length
      ? { items: [], total: 0 }
      : await this.partnerships.list(actor, value);
    const link = (n: number) =>
      `${BASE}?${new URLSearchParams({ ...(q ? { q } : {}), strona: String(n) }).toString()}`;
    const form = again.form ?? {};
    return this.pages.render(
      req,
      reply,
      'admin-partnerstwa',
      {
        title: 'Partnerstwa',
        q: q ?? '',
        filtered: !!q,
        summary:
          found.total === 0
            ? 'Nie znaleziono partnerstw.'
            : `Znaleziono ${plural(found.total, ADMIN_FORMS.partnership)}.`,
        items: found.items.map((p: PartnershipView) => ({
          ...p,
          href: `${BASE}/${p.id}`,
          activeMembers: p.members.filter((m) => m.active).length,
        })),
        pager: pagerView(found.total, PAGE_SIZE, pageNo, link),
        organisations: await this.organisationChoices(form.leaderOrganisationId),
        form: {
          name: form.name ?? '',
          agreementReference: form.agreementReference ?? '',
          agreementSignedOn: form.agreementSignedOn ?? '',
        },
        errors,
        ...fieldErrors(errors),
      },
      errors.length > 0 ? 422 : 200,
    );
  }

  private async partnershipPage(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    again: { errors?: FieldErrorView[]; notice?: string; form?: Form; edit?: Form },
  ): Promise<FastifyReply> {
    const [p, invitations] = await Promise.all([
      this.partnerships.get(actor, id),
      this.invitations.list(actor),
    ]);
    const errors = again.errors ?? [];
    const current = p.members.filter((m) => m.leftOn === null).map((m) => m.organisation.id);
    const form = again.form ?? {};
    return this.pages.render(
      req,
      reply,
      'admin-partnerstwo',
      {
        title: `Partnerstwo: ${p.name}`,
        partnership: p,
        members: [...p.members]
          .sort((a, b) => a.joinedOn.localeCompare(b.joinedOn))
          .map((m) => ({
            ...m,
            leader: m.organisation.id === p.leader.id,
            open: m.leftOn === null,
            leftOnError: errors.find((e) => e.field === `leftOn-${m.organisation.id}`)?.message,
            badge: m.active
              ? { tone: 'success', icon: '✓', label: 'członek' }
              : m.leftOn === null
                ? { tone: 'progress', icon: '…', label: 'przystąpi' }
                : { tone: 'neutral', icon: '–', label: 'wystąpiła' },
          })),
        invitations: invitations
          .filter((i) => i.partnership.id === id)
          .map((i) => ({ ...i, statusLabel: INVITATION_STATUS_PL[i.status] ?? i.status })),
        organisations: await this.organisationChoices(form.organisationId, current),
        edit: {
          name: again.edit?.name ?? p.name,
          agreementReference: again.edit?.agreementReference ?? p.agreementReference ?? '',
          agreementSignedOn: again.edit?.agreementSignedOn ?? p.agreementSignedOn ?? '',
        },
        acceptors: Object.entries(INVITATION_ACCEPTOR_PL).map(([value, label]) => ({
          value,
          label,
          selected: value === (again.edit?.invitationAcceptedBy ?? p.invitationAcceptedBy),
        })),
        today: todayInWarsaw(),
        form: { joinedOn: form.joinedOn ?? '' },
        errors,
        notice: again.notice,
        ...fieldErrors(errors),
      },
      errors.length > 0 || again.notice ? 422 : 200,
    );
  }
}
