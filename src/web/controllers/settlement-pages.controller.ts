import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { DomainError } from '../../common/errors';
import { UuidParam } from '../../common/http';
import { DocumentsService, RequestDocumentDto } from '../../documents';
import { SettlementService } from '../../finance';
import { TendersService } from '../../tenders';
import { balanceState, settlementChart } from '../settlement-chart';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { DOCUMENT_STATUS_PL, errorPl, SETTLEMENT_MODEL_PL } from '../web-words';
import { WebActor, WebController, type WebRequest } from '../web.decorators';

type Form = Record<string, string | undefined>;

const PARTNER_FIELD = { field: 'organisationId', label: 'Partner' } as const;

/**
 * Rozliczenie: the settlement per partner and in total (the leader's), as a table and as an
 * accessible SVG chart of the same figures; the settlement statement PDF through the documents
 * flow and the CSV download — all from SettlementService, under the same `finance.view` rule.
 */
@WebController()
export class SettlementPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly tenders: TendersService,
    private readonly settlements: SettlementService,
    private readonly documents: DocumentsService,
  ) {}

  @Get('postepowania/:id/rozliczenie')
  async page(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    return this.render(req, reply, actor, id, [], '');
  }

  @Get('postepowania/:id/rozliczenie.csv')
  async csv(
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    const { filename, body } = await this.settlements.csv(actor, id);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(body);
  }

  @Post('postepowania/:id/rozliczenie')
  async requestStatement(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const organisationId = (body.organisationId ?? '').trim();
    const partnerError = (message: string) => [{ ...PARTNER_FIELD, message }];
    return this.pages.submit(req, reply, {
      dto: RequestDocumentDto,
      input: { kind: 'SETTLEMENT', organisationId: organisationId || undefined },
      // The partner is required here, though the DTO's field is optional for other documents.
      check: (_, violations) =>
        organisationId ? violations : [{ field: 'organisationId', rule: 'required', message: '' }],
      invalid: () => partnerError('Wybierz partnera, którego zestawienie przygotować.'),
      run: (value) => this.documents.request(actor, id, value),
      refused: (err) =>
        err instanceof DomainError && err.status !== 404 && err.status !== 403 && err.status < 500
          ? partnerError(errorPl(err.code))
          : null,
      again: (errors) => this.render(req, reply, actor, id, errors, organisationId, 422),
      done: (doc) => ({
        to: `/dokumenty/${doc.id}`,
        text: `Zlecono przygotowanie zestawienia rozliczeń, wersja ${doc.version}. Status odświeży się sam, gdy dokument będzie gotowy.`,
      }),
    });
  }

  private async render(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    errors: FieldErrorView[],
    organisationId: string,
    status = 200,
  ): Promise<FastifyReply> {
    const [tender, settlement, docs] = await Promise.all([
      this.tenders.get(actor, id),
      this.settlements.settlement(actor, id),
      this.documents.list(actor, id),
    ]);
    const names = new Map(settlement.partners.map((p) => [p.organisationId, p.organisationName]));
    const chart = settlementChart(
      settlement.reference,
      settlement.partners.map((p) => ({
        organisationName: p.organisationName,
        allocatedGross: p.allocated.gross,
        paid: p.paid,
        balance: p.balance,
      })),
    );
    return this.pages.render(
      req,
      reply,
      'rozliczenie',
      {
        title: `Rozliczenie – ${tender.reference}`,
        tender,
        modelLabel: SETTLEMENT_MODEL_PL[settlement.settlementModel] ?? settlement.settlementModel,
        asOf: settlement.asOf,
        partners: settlement.partners.map((p) => ({
          ...p,
          balanceState: balanceState(p.balance),
        })),
        partnerOptions: settlement.partners.map((p) => ({
          value: p.organisationId,
          label: p.organisationName,
          selected: p.organisationId === organisationId,
        })),
        totals: settlement.totals,
        chart,
        statements: docs
          .filter((d) => d.kind === 'SETTLEMENT')
          .map((d) => ({
            ...d,
            partner: names.get(d.organisationId ?? '') ?? '',
            statusLabel: DOCUMENT_STATUS_PL[d.status] ?? d.status,
            ready: d.status === 'READY',
          })),
        csvHref: `/postepowania/${id}/rozliczenie.csv`,
        financeHref: `/postepowania/${id}/finanse`,
        errors,
        organisationIdError: errors[0]?.message,
      },
      status,
    );
  }
}
