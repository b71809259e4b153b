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
import { validateAs } from '../web-validate';
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
    const { value, violations } = await validateAs(RequestDocumentDto, {
      kind: 'SETTLEMENT',
      organisationId: organisationId || undefined,
    });
    if (violations.length > 0 || !organisationId)
      return this.render(
        req,
        reply,
        actor,
        id,
        [{ ...PARTNER_FIELD, message: 'Wybierz partnera, którego zestawienie przygotować.' }],
        organisationId,
        422,
      );
    try {
      const doc = await this.documents.request(actor, id, value);
      return this.pages.redirect(req, reply, `/dokumenty/${doc.id}`, {
        kind: 'success',
        text: `Zlecono przygotowanie zestawienia rozliczeń, wersja ${doc.version}. Status odświeży się sam, gdy dokument będzie gotowy.`,
      });
    } catch (err) {
      if (!(err instanceof DomainError) || err.status === 404 || err.status >= 500) throw err;
      if (err.status === 403) throw err;
      return this.render(
        req,
        reply,
        actor,
        id,
        [{ ...PARTNER_FIELD, message: errorPl(err.code) }],
        organisationId,
        422,
      );
    }
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
