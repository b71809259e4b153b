import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import type { AuditEventView } from '../../audit';
import { AuditQuery, AuditService } from '../../audit';
import { OrganisationsService } from '../../organisations';
import { PartnershipsService } from '../../partnerships';
import { TendersQuery, TendersService } from '../../tenders';
import { dateTime, plural } from '../web-format';
import { WebPages } from '../web-pages.service';
import { formErrors, validateAs } from '../web-validate';
import { pageNumber, pagerView } from '../web-view-models';
import { ADMIN_FORMS, AUDIT_FILTERS, ENTITY_PL, EVENT_PL, eventWords } from '../web-words-admin';
import { ROLE_PL } from '../web-words';
import { WebActor, WebController, type WebRequest } from '../web.decorators';
import { fieldErrors } from './sign-in.controller';

const PAGE_SIZE = 50;
/** The page's Polish query names → AuditQuery's fields. */
const PARAMS = {
  postepowanie: 'tenderId',
  jednostka: 'organisationId',
  uzytkownik: 'actorUserId',
  zdarzenie: 'action',
  partnerstwo: 'partnershipId',
  od: 'from',
  do: 'to',
} as const;
type Param = keyof typeof PARAMS;

const option = (value: string, label: string, current: string | undefined) => ({
  value,
  label,
  selected: value === current,
});

/** A few facts of the event in Polish words; the rest stays in the raw data, marked English. */
function facts(e: AuditEventView): string[] {
  const d = e.data ?? {};
  const out: string[] = [];
  if (typeof d.role === 'string') out.push(`rola: ${ROLE_PL[d.role] ?? d.role}`);
  if (typeof d.email === 'string') out.push(`e-mail: ${d.email}`);
  if (typeof d.name === 'string') out.push(`nazwa: ${d.name}`);
  if (typeof d.organisationName === 'string') out.push(`jednostka: ${d.organisationName}`);
  if (typeof d.joinedOn === 'string') out.push(`od: ${d.joinedOn}`);
  if (typeof d.leftOn === 'string') out.push(`do: ${d.leftOn}`);
  const active = d.active as { to?: unknown } | undefined;
  if (active && typeof active.to === 'boolean')
    out.push(active.to ? 'konto odblokowane' : 'konto zablokowane');
  if (d.password === 'changed') out.push('ustawiono nowe hasło');
  return out;
}

/**
 * Rejestr zdarzeń (/audyt): the append-only audit trail, scoped exactly like `GET /audit`
 * (administrators everything, a partnership's lawyers its events), with filters by tender,
 * organisation, person, event, partnership and days, newest first.
 */
@WebController()
export class AuditPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly audit: AuditService,
    private readonly tenders: TendersService,
    private readonly organisations: OrganisationsService,
    private readonly partnerships: PartnershipsService,
  ) {}

  @Get('audyt')
  async page(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Query() query: Record<string, string | undefined>,
  ): Promise<FastifyReply> {
    const chosen: Partial<Record<Param, string>> = {};
    for (const p of Object.keys(PARAMS) as Param[]) {
      const v = (query[p] ?? '').trim();
      if (v) chosen[p] = v;
    }
    const pageNo = pageNumber(query.strona);
    const plain: Record<string, unknown> = {
      limit: PAGE_SIZE,
      offset: (pageNo - 1) * PAGE_SIZE,
      order: 'desc',
    };
    for (const p of Object.keys(chosen) as Param[]) plain[PARAMS[p]] = chosen[p];
    const { value, violations } = await validateAs(AuditQuery, plain);
    if (value.from && value.to && value.to < value.from && violations.length === 0)
      violations.push({ field: 'to', rule: 'afterFrom', message: '' });
    const errors = formErrors(AUDIT_FILTERS, violations).map((e) => ({
      ...e,
      field: Object.entries(PARAMS).find(([, f]) => f === e.field)?.[0] ?? e.field,
    }));
    // The policy decides first: a person who may not read the trail gets the 403 page.
    const found = await this.audit.listFor(actor, errors.length ? new AuditQuery() : value);
    const tendersQuery = (await validateAs(TendersQuery, { limit: 200, offset: 0 })).value;
    const [tenders, orgs, partnerships, actors] = await Promise.all([
      this.tenders.list(actor, tendersQuery),
      this.organisations.list({ limit: 200, offset: 0 }),
      this.partnerships.list(actor, { limit: 200, offset: 0 }),
      this.audit.actorsFor(actor),
    ]);
    const orgName = new Map(orgs.items.map((o) => [o.id, o.name]));
    const tenderRef = new Map(tenders.items.map((t) => [t.id, t.reference]));
    const link = (n: number) =>
      `/audyt?${new URLSearchParams({ ...(chosen as Record<string, string>), strona: String(n) }).toString()}`;
    const items = errors.length ? [] : found.items;
    return this.pages.render(
      req,
      reply,
      'audyt',
      {
        title: 'Rejestr zdarzeń',
        errors,
        ...fieldErrors(errors),
        filtered: Object.keys(chosen).length > 0,
        from: chosen.od ?? '',
        to: chosen.do ?? '',
        filters: {
          tenders: tenders.items.map((t) =>
            option(t.id, `${t.reference} – ${t.title}`, chosen.postepowanie),
          ),
          organisations: orgs.items.map((o) => option(o.id, o.name, chosen.jednostka)),
          partnerships: partnerships.items.map((p) => option(p.id, p.name, chosen.partnerstwo)),
          actors: actors.map((a) => option(a.userId, a.name || a.userId, chosen.uzytkownik)),
          actions: Object.entries(EVENT_PL)
            .sort((a, b) => a[1].localeCompare(b[1], 'pl'))
            .map(([code, label]) => option(code, label, chosen.zdarzenie)),
        },
        summary: errors.length
          ? ''
          : found.total === 0
            ? 'Nie znaleziono zdarzeń.'
            : `Znaleziono ${plural(found.total, ADMIN_FORMS.event)}, od najnowszych.`,
        items: items.map((e) => {
          const tenderId = e.tenderId;
          return {
            id: e.id,
            when: dateTime(e.occurredAt),
            iso: e.occurredAt,
            who: e.actorName ?? 'system',
            event: eventWords(e.action),
            entity: ENTITY_PL[e.entityType] ?? null,
            entityCode: ENTITY_PL[e.entityType] ? null : e.entityType,
            tender: tenderId
              ? { id: tenderId, reference: tenderRef.get(tenderId) ?? 'postępowanie' }
              : null,
            organisation: e.organisationId ? (orgName.get(e.organisationId) ?? null) : null,
            facts: facts(e),
            data: Object.keys(e.data ?? {}).length ? JSON.stringify(e.data) : null,
          };
        }),
        pager: errors.length ? null : pagerView(found.total, PAGE_SIZE, pageNo, link),
      },
      errors.length ? 422 : 200,
    );
  }
}
