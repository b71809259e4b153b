import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { DomainError, forbidden } from '../../common/errors';
import { UuidParam } from '../../common/http';
import { TendersService, UpdateTenderDto, type TenderView } from '../../tenders';
import {
  additionalNamesFromForm,
  CPV_MAIN_NAME_INPUT,
  cpvMainHint,
  cpvNameErrors,
  cpvNameRows,
} from '../cpv-names-form';
import type { Form } from '../procedure-forms';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { WebActor, WebController, type WebRequest } from '../web.decorators';
import { fieldErrors } from './sign-in.controller';

/** The form again: its errors, after a refusal by the service with the tender as it is now. */
type Again = { errors: FieldErrorView[]; fresh?: boolean };

interface CpvForm {
  version: string;
  mainName: string;
  names: Record<string, string>;
}

/**
 * Kody CPV (/postepowania/:id/kody-cpv): the leader's officer gives the Polish name of every CPV
 * code of a tender in preparation (DRAFT, COLLECTING_SHARES, READY) through `TendersService.update`,
 * the same rules, transaction and audit event as `PATCH /tenders/:id {cpvMainName,
 * cpvAdditionalNames}`. The agreement prints "kod – polska nazwa", so it needs every name.
 */
@WebController()
export class TenderCpvPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly tenders: TendersService,
  ) {}

  @Get('postepowania/:id/kody-cpv')
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    const tender = await this.mayName(actor, id);
    const names: Record<string, string> = {};
    tender.cpvAdditional.forEach((c, i) => (names[c] = tender.cpvAdditionalNames[i] ?? ''));
    return this.page(req, reply, tender, {
      version: String(tender.version),
      mainName: tender.cpvMainName ?? '',
      names,
    });
  }

  @Post('postepowania/:id/kody-cpv')
  async save(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const tender = await this.mayName(actor, id);
    const form: CpvForm = {
      version: (body.version ?? '').trim(),
      mainName: (body[CPV_MAIN_NAME_INPUT] ?? '').trim(),
      names: additionalNamesFromForm(tender.cpvAdditional, body, {}),
    };
    return this.pages.submit(req, reply, {
      dto: UpdateTenderDto,
      input: {
        version: /^\d{1,9}$/.test(form.version) ? Number(form.version) : form.version,
        cpvMainName: form.mainName,
        cpvAdditionalNames: tender.cpvAdditional.map((c) => form.names[c]),
      },
      invalid: (violations): Again | null => {
        const errors = cpvNameErrors(violations, tender.cpvMain, tender.cpvAdditional, form.names);
        return errors.length > 0 ? { errors } : null;
      },
      run: (value) => this.tenders.update(actor, id, value),
      refused: (err): Again | null => {
        if (!(err instanceof DomainError) || ![400, 409, 422].includes(err.status)) return null;
        const message =
          err.code === 'TENDER_NOT_EDITABLE'
            ? 'Nazwy kodów CPV można zmieniać tylko przed ogłoszeniem postępowania.'
            : err.status === 409
              ? 'W międzyczasie ktoś zmienił postępowanie. Sprawdź nazwy poniżej i zapisz je ponownie.'
              : `Nie można zapisać nazw: ${err.message}`;
        return {
          errors: [{ field: CPV_MAIN_NAME_INPUT, label: 'Nazwy kodów CPV', message }],
          fresh: true,
        };
      },
      // A refusal by the service shows the tender as it is now, with the names as typed.
      again: async ({ errors, fresh }) => {
        if (!fresh) return this.page(req, reply, tender, form, errors, 422);
        const now = await this.tenders.get(actor, id);
        return this.page(req, reply, now, { ...form, version: String(now.version) }, errors, 422);
      },
      done: () => ({
        to: `/postepowania/${id}`,
        text: 'Zapisano nazwy kodów CPV w języku polskim.',
      }),
    });
  }

  private async mayName(actor: Actor, id: string): Promise<TenderView> {
    const tender = await this.tenders.get(actor, id);
    if (!tender.allowedActions.includes('update'))
      throw forbidden(
        'FORBIDDEN',
        "Only the leader's procurement officers name the CPV codes, before the publication",
      );
    return tender;
  }

  private page(
    req: WebRequest,
    reply: FastifyReply,
    tender: TenderView,
    form: CpvForm,
    errors: FieldErrorView[] = [],
    status = 200,
  ): Promise<FastifyReply> {
    return this.pages.render(
      req,
      reply,
      'postepowanie-cpv',
      {
        title: `Kody CPV – ${tender.reference}`,
        tender,
        version: form.version,
        mainName: form.mainName,
        mainHint: cpvMainHint(tender.cpvMain),
        rows: cpvNameRows(tender.cpvAdditional, form.names, errors),
        errors,
        ...fieldErrors(errors),
      },
      status,
    );
  }
}
