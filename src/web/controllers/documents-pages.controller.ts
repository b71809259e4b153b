import { Body, Get, Headers, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { DomainError } from '../../common/errors';
import { UuidParam } from '../../common/http';
import { DOCUMENT_KINDS, isPerPartnerKind } from '../../documents';
import { DocumentsService } from '../../documents';
import { contentDisposition } from '../../documents';
import { RequestDocumentDto, type DocumentView } from '../../documents';
import { OrganisationsService } from '../../organisations';
import { conditionPl } from '../web-conditions';
import type { TenderView } from '../../tenders';
import { TendersService } from '../../tenders';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { validateAs } from '../web-validate';
import { DOCUMENT_KIND_PL, DOCUMENT_STATUS_PL, errorPl } from '../web-words';
import { NoTouch, WebActor, WebController, type WebRequest } from '../web.decorators';
import { fieldErrors } from './sign-in.controller';

type Form = Record<string, string | undefined>;

const PENDING = ['QUEUED', 'RENDERING'];

/**
 * Dokumenty: the lawyer's view of a tender's documents — every version with its status (a small
 * script polls QUEUED → READY), downloads, the bundle, and the request form where the policy allows.
 */
@WebController()
export class DocumentsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly documents: DocumentsService,
    private readonly tenders: TendersService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get('postepowania/:id/dokumenty')
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    return this.pages.render(req, reply, 'dokumenty', await this.listModel(actor, id, {}));
  }

  @Post('postepowania/:id/dokumenty')
  async request(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const kind = body.kind ?? '';
    const organisationId = body.organisationId || undefined;
    const { value, violations } = await validateAs(RequestDocumentDto, {
      kind: kind || undefined,
      organisationId,
    });
    const errors: FieldErrorView[] = violations.map((v) =>
      v.field === 'kind'
        ? { field: 'kind', label: 'Rodzaj dokumentu', message: 'Wybierz rodzaj dokumentu z listy.' }
        : { field: 'organisationId', label: 'Partner', message: 'Wybierz partnera z listy.' },
    );
    if (errors.length === 0 && DOCUMENT_KINDS.includes(value.kind)) {
      if (isPerPartnerKind(value.kind) && !organisationId)
        errors.push({
          field: 'organisationId',
          label: 'Partner',
          message: `${DOCUMENT_KIND_PL[value.kind]} przygotowuje się dla jednego partnera: wybierz go z listy.`,
        });
      if (!isPerPartnerKind(value.kind) && organisationId)
        errors.push({
          field: 'organisationId',
          label: 'Partner',
          message: `${DOCUMENT_KIND_PL[value.kind]} dotyczy całego postępowania: zostaw pole „Partner” puste.`,
        });
    }
    if (errors.length === 0) {
      try {
        const doc = await this.documents.request(actor, id, value);
        return this.pages.redirect(req, reply, `/postepowania/${id}/dokumenty`, {
          kind: 'success',
          text: `Zlecono przygotowanie: ${DOCUMENT_KIND_PL[doc.kind]}, wersja ${doc.version}. Status odświeży się sam, gdy dokument będzie gotowy.`,
        });
      } catch (err) {
        if (!(err instanceof DomainError) || err.status === 404 || err.status >= 500) throw err;
        const missing = Array.isArray(err.details?.missing)
          ? ` Brakuje: ${(err.details.missing as string[]).map(missingPl).join('; ')}.`
          : '';
        errors.push({
          field: 'kind',
          label: 'Rodzaj dokumentu',
          message: `${errorPl(err.code)}${missing}`,
        });
      }
    }
    return this.pages.render(
      req,
      reply,
      'dokumenty',
      await this.listModel(actor, id, { errors, kind, organisationId: organisationId ?? '' }),
      422,
    );
  }

  /** Polled by the page's script; does not extend the session. */
  @Get('postepowania/:id/dokumenty/stan')
  @NoTouch()
  async status(
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<{ items: { id: string; status: string; statusLabel: string }[] }> {
    const docs = await this.documents.list(actor, id);
    return {
      items: docs.map((d) => ({
        id: d.id,
        status: d.status,
        statusLabel: DOCUMENT_STATUS_PL[d.status] ?? d.status,
      })),
    };
  }

  @Get('postepowania/:id/dokumenty/bundle.zip')
  async bundle(
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    const { fileName, stream } = await this.documents.bundle(actor, id);
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', contentDisposition(fileName))
      .header('cache-control', 'private, no-store')
      .send(stream);
  }

  @Get('dokumenty/:id')
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    const doc = await this.documents.get(actor, id);
    const [tender, all] = await Promise.all([
      this.tenders.get(actor, doc.tenderId),
      this.documents.list(actor, doc.tenderId),
    ]);
    const versions = all.filter(
      (d) => d.kind === doc.kind && d.organisationId === doc.organisationId,
    );
    const names = partnerNames(tender);
    return this.pages.render(req, reply, 'dokument', {
      title: `${DOCUMENT_KIND_PL[doc.kind]}, wersja ${doc.version} – ${tender.reference}`,
      tender,
      doc: view(doc, names),
      versions: versions.map((d) => ({ ...view(d, names), current: d.id === doc.id })),
      polling: versions.some((d) => PENDING.includes(d.status)),
    });
  }

  @Get('dokumenty/:id/plik')
  async file(
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Headers('if-none-match') ifNoneMatch?: string,
  ): Promise<FastifyReply> {
    const { document, fileName, stream } = await this.documents.download(actor, id, ifNoneMatch);
    void reply.header('etag', `"${document.sha256}"`).header('cache-control', 'private, no-cache');
    if (!stream) return reply.code(304).send();
    return reply
      .header('content-type', 'application/pdf')
      .header('content-length', String(document.sizeBytes))
      .header('content-disposition', contentDisposition(fileName))
      .send(stream);
  }

  private async listModel(
    actor: Actor,
    id: string,
    extra: { errors?: FieldErrorView[]; kind?: string; organisationId?: string },
  ) {
    const [tender, docs, mayRequest, checks] = await Promise.all([
      this.tenders.get(actor, id),
      this.documents.list(actor, id),
      this.documents.mayRequest(actor, id),
      this.tenders.transitionChecks(actor, id).catch((err: unknown) => {
        if (err instanceof DomainError && err.status === 403) return null;
        throw err;
      }),
    ]);
    // The publication guard as the lifecycle checks it: only the agreement's own condition.
    const publish = checks?.find((c) => c.to === 'PUBLISHED');
    const agreementMissing = publish?.missing.find((m) => /agreement/i.test(m));
    const names = partnerNames(tender);
    if (!names.has(tender.leaderOrganisationId)) {
      const leader = await this.organisations.get(tender.leaderOrganisationId);
      names.set(leader.id, leader.name);
    }
    const errors = extra.errors ?? [];
    return {
      title: `Dokumenty – ${tender.reference}`,
      tender,
      documents: docs.map((d) => view(d, names)),
      anyReady: docs.some((d) => d.status === 'READY'),
      polling: docs.some((d) => PENDING.includes(d.status)),
      mayRequest,
      guard: publish
        ? agreementMissing
          ? { met: false, text: conditionPl(agreementMissing).text }
          : {
              met: true,
              text: 'Gotowe porozumienie odpowiada aktualnym udziałom: ten warunek ogłoszenia jest spełniony.',
            }
        : null,
      kinds: DOCUMENT_KINDS.map((k) => ({
        value: k,
        label: `${DOCUMENT_KIND_PL[k]}${isPerPartnerKind(k) ? ' (dla jednego partnera)' : ''}`,
        selected: k === extra.kind,
      })),
      partners: [...names.entries()]
        .map(([value, label]) => ({ value, label, selected: value === extra.organisationId }))
        .sort((a, b) => a.label.localeCompare(b.label, 'pl')),
      errors,
      ...fieldErrors(errors),
    };
  }
}

function partnerNames(tender: TenderView): Map<string, string> {
  const names = new Map<string, string>();
  for (const l of tender.lots)
    for (const s of l.shares) names.set(s.organisationId, s.organisationName);
  return names;
}

function view(d: DocumentView, names: Map<string, string>) {
  return {
    ...d,
    kindLabel: DOCUMENT_KIND_PL[d.kind] ?? d.kind,
    statusLabel: DOCUMENT_STATUS_PL[d.status] ?? d.status,
    ready: d.status === 'READY',
    failed: d.status === 'FAILED',
    partner: d.organisationId ? (names.get(d.organisationId) ?? 'partner') : 'całe postępowanie',
    sizeKb: d.sizeBytes ? Math.max(1, Math.round(d.sizeBytes / 1024)) : null,
  };
}

/** A missing datum in Polish when the conditions table knows it, else as the service said it. */
function missingPl(missing: string): string {
  const pl = conditionPl(missing);
  return pl.english === undefined ? pl.text : missing;
}
