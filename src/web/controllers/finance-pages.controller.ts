import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { DomainError, forbidden, notFound } from '../../common/errors';
import { UuidParam } from '../../common/http';
import {
  ContractsService,
  InvoiceCorrectionsService,
  InvoicesService,
  PaymentCorrectionsService,
  PaymentsService,
  SubsidiesService,
  type CorrectInvoiceDto,
  type CreateInvoiceDto,
  type InvoiceCorrectionPreview,
  type InvoicePreview,
} from '../../finance';
import {
  amountInput,
  FINANCE_ACTIONS,
  reviewValue,
  type FinanceAction,
  type FinanceField,
} from '../finance-actions';
import {
  FinanceContextLoader,
  optionsOf,
  recordFacts,
  type FinanceContext,
} from '../finance-context';
import { financeOverview } from '../finance-view-models';
import { FINANCE_LABEL, financeCodeError, financeFieldError } from '../finance-words';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { errorPl, SETTLEMENT_MODEL_PL } from '../web-words';
import { WebActor, WebController, type WebRequest } from '../web.decorators';
import { fieldErrors } from './sign-in.controller';

type Form = Record<string, string | undefined>;

/**
 * Finanse: the contracts per lot, the invoices with their split among the partners, the advances,
 * subsidies, refunds and invoice payments of a tender, for whoever sees its finance. Each form is
 * its own page (`/finanse/:akcja`), checked with the API's DTO, then a review page (an invoice's
 * with the exact split the service will save), then recorded by the same service as the API.
 */
@WebController()
export class FinancePagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly loader: FinanceContextLoader,
    private readonly contracts: ContractsService,
    private readonly invoices: InvoicesService,
    private readonly payments: PaymentsService,
    private readonly paymentCorrections: PaymentCorrectionsService,
    private readonly subsidies: SubsidiesService,
    private readonly corrections: InvoiceCorrectionsService,
  ) {}

  @Get('postepowania/:id/finanse')
  async page(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    const ctx = await this.loader.load(actor, id);
    return this.pages.render(req, reply, 'finanse', {
      title: `Finanse – ${ctx.tender.reference}`,
      tender: ctx.tender,
      modelLabel: SETTLEMENT_MODEL_PL[ctx.tender.settlementModel] ?? ctx.tender.settlementModel,
      ...financeOverview(ctx),
    });
  }

  @Get('postepowania/:id/finanse/:akcja')
  async form(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('akcja') akcja: string,
    @Query('rekord') rekord?: string,
  ): Promise<FastifyReply> {
    const action = actionOf(akcja);
    const ctx = await this.loadForForm(actor, id);
    return this.renderForm(req, reply, ctx, akcja, action, rekord ?? '', {}, []);
  }

  @Post('postepowania/:id/finanse/:akcja')
  async submit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('akcja') akcja: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const action = actionOf(akcja);
    const ctx = await this.loadForForm(actor, id);
    const fields = fieldsOf(action, ctx);
    const rekord = (body.rekord ?? '').trim();
    const record = action.record ? recordFacts(ctx, action.record, rekord) : null;
    const form: Record<string, string> = { version: (body.version ?? '').trim() };
    for (const f of fields) {
      const raw = (body[f.name] ?? '').trim();
      form[f.name] = f.kind === 'amount' ? amountInput(raw) : raw;
    }
    if (body.krok === 'popraw')
      return this.renderForm(req, reply, ctx, akcja, action, rekord, form, []);
    const names = fields.map((f) => f.name);
    const save = body.krok === 'zapisz';
    return this.pages.submit(req, reply, {
      dto: action.dto,
      input: action.input(form),
      invalid: (violations) => violations.map((v) => financeFieldError(v, names[0])),
      run: async (value) => {
        // "Sprawdź" shows the review (with the service's preview); only "Zapisz" records.
        if (!save)
          return {
            preview:
              akcja === 'faktura'
                ? await this.invoices.previewInvoice(actor, id, value as CreateInvoiceDto)
                : null,
            correction:
              akcja === 'korekta'
                ? await this.corrections.previewCorrection(
                    actor,
                    rekord,
                    value as CorrectInvoiceDto,
                  )
                : null,
          };
        await action.run(
          {
            contracts: this.contracts,
            invoices: this.invoices,
            corrections: this.corrections,
            payments: this.payments,
            paymentCorrections: this.paymentCorrections,
            subsidies: this.subsidies,
          },
          actor,
          id,
          rekord,
          value,
        );
        return null;
      },
      refused: (err) => refusal(err, names),
      again: (errors) => this.renderForm(req, reply, ctx, akcja, action, rekord, form, errors, 422),
      done: (review) =>
        review
          ? {
              show: () =>
                this.renderReview(req, reply, ctx, akcja, action, rekord, record, form, review),
            }
          : { to: `/postepowania/${id}/finanse`, text: action.done },
    });
  }

  /** The forms are for those who record some party's finance (the services decide per record). */
  private async loadForForm(actor: Actor, id: string): Promise<FinanceContext> {
    const ctx = await this.loader.load(actor, id);
    if (ctx.rights.manage.length === 0)
      throw forbidden('FORBIDDEN', 'You do not record the finance of any party of this tender');
    return ctx;
  }

  private renderForm(
    req: WebRequest,
    reply: FastifyReply,
    ctx: FinanceContext,
    akcja: string,
    action: FinanceAction,
    rekord: string,
    form: Record<string, string>,
    errors: FieldErrorView[],
    status = 200,
  ): Promise<FastifyReply> {
    const record = action.record ? recordFacts(ctx, action.record, rekord) : null;
    const byField = fieldErrors(errors);
    return this.pages.render(
      req,
      reply,
      'finanse-formularz',
      {
        title: `${action.title} – ${ctx.tender.reference}`,
        tender: ctx.tender,
        action,
        akcja,
        rekord,
        version: form.version || (record?.version ?? ''),
        record,
        closed: !ctx.open,
        errors,
        fields: fieldsOf(action, ctx).map((f) => ({
          ...f,
          label: FINANCE_LABEL[f.name],
          value: form[f.name] ?? '',
          error: byField[`${f.name}Error`],
          select: f.kind === 'select',
          multiline: f.kind === 'textarea',
          type: f.kind === 'date' ? 'date' : 'text',
          options: f.options
            ? optionsOf(ctx, f.options, action).map((o) => ({
                ...o,
                selected: o.value === form[f.name],
              }))
            : [],
        })),
      },
      status,
    );
  }

  private renderReview(
    req: WebRequest,
    reply: FastifyReply,
    ctx: FinanceContext,
    akcja: string,
    action: FinanceAction,
    rekord: string,
    record: ReturnType<typeof recordFacts> | null,
    form: Record<string, string>,
    previews: { preview: InvoicePreview | null; correction: InvoiceCorrectionPreview | null },
  ): Promise<FastifyReply> {
    const fields = fieldsOf(action, ctx);
    return this.pages.render(req, reply, 'finanse-sprawdz', {
      title: `Sprawdź: ${action.title.toLowerCase()} – ${ctx.tender.reference}`,
      tender: ctx.tender,
      action,
      akcja,
      rekord,
      version: form.version,
      record,
      rows: fields.map((f) => ({
        label: FINANCE_LABEL[f.name],
        value: reviewValue(f, form[f.name] ?? '', optionMap(ctx, f, action)),
      })),
      hidden: fields.map((f) => ({ name: f.name, value: form[f.name] ?? '' })),
      ...previews,
    });
  }
}

function actionOf(akcja: string): FinanceAction {
  const action = Object.prototype.hasOwnProperty.call(FINANCE_ACTIONS, akcja)
    ? FINANCE_ACTIONS[akcja]
    : undefined;
  if (!action) throw notFound('Page', akcja);
  return action;
}

/** Under the leader's contract the leader signs and is billed: no partner to choose. */
function fieldsOf(action: FinanceAction, ctx: FinanceContext): FinanceField[] {
  const separate = ctx.tender.settlementModel === 'SEPARATE_CONTRACTS';
  return action.fields.filter((f) => separate || !f.optional || f.name !== 'organisationId');
}

function optionMap(ctx: FinanceContext, f: FinanceField, action: FinanceAction) {
  return new Map(f.options ? optionsOf(ctx, f.options, action).map((o) => [o.value, o.label]) : []);
}

/** A refusal of the service as errors on the form's fields; access and server errors pass on. */
function refusal(err: unknown, fields: string[]): FieldErrorView[] {
  if (!(err instanceof DomainError) || ![400, 409, 422].includes(err.status)) throw err;
  if (err.errors && err.errors.length > 0)
    return err.errors.map((v) => financeFieldError(v, fields[0]));
  const known = financeCodeError(err.code, fields);
  if (known) return [known];
  return [{ field: fields[0], label: FINANCE_LABEL[fields[0]] ?? '', message: errorPl(err.code) }];
}
