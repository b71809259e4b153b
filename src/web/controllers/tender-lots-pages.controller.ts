import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { DomainError, forbidden } from '../../common/errors';
import { UuidParam } from '../../common/http';
import { AddLotDto, TendersService, type TenderView } from '../../tenders';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { WebActor, WebController, type WebRequest } from '../web.decorators';
import { fieldErrors } from './sign-in.controller';

type Form = Record<string, string | undefined>;
interface LotForm {
  numer: string;
  tytul: string;
  vat: string;
}

const RULES: Record<string, FieldErrorView> = {
  number: {
    field: 'numer',
    label: 'Numer części',
    message: 'Wpisz numer części: liczbę całkowitą od 1 do 999.',
  },
  title: {
    field: 'tytul',
    label: 'Nazwa części',
    message: 'Wpisz nazwę części (od 3 do 300 znaków).',
  },
  vatRate: {
    field: 'vat',
    label: 'Stawka VAT',
    message: 'Wpisz stawkę VAT w pełnych procentach, np. 23.',
  },
};

/**
 * Dodaj część: the leader's officer adds a lot to a tender in preparation (DRAFT, COLLECTING_SHARES)
 * through `TendersService.addLot`, the same rules and transaction as `POST /tenders/:id/lots`. No
 * money changes here (shares are proposed on the tender page), so the form saves without a review.
 */
@WebController()
export class TenderLotsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly tenders: TendersService,
  ) {}

  @Get('postepowania/:id/czesci')
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    const tender = await this.mayAdd(actor, id);
    const next = Math.max(0, ...tender.lots.map((l) => l.number)) + 1;
    return this.page(req, reply, tender, { numer: String(next), tytul: '', vat: '23' });
  }

  @Post('postepowania/:id/czesci')
  async add(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const tender = await this.mayAdd(actor, id);
    const form = {
      numer: (body.numer ?? '').trim(),
      tytul: (body.tytul ?? '').trim(),
      vat: (body.vat ?? '').trim(),
    };
    const whole = (v: string) => (/^\d{1,3}$/.test(v) ? Number(v) : v);
    return this.pages.submit(req, reply, {
      dto: AddLotDto,
      input: { number: whole(form.numer), title: form.tytul, vatRate: whole(form.vat) },
      invalid: (violations) => {
        const errors = [...new Set(violations.map((v) => v.field))]
          .map((f) => RULES[f])
          .filter((e): e is FieldErrorView => e !== undefined);
        return errors.length > 0 ? errors : null;
      },
      run: (value) => this.tenders.addLot(actor, id, value),
      refused: (err) => {
        if (!(err instanceof DomainError) || ![409, 422].includes(err.status)) return null;
        const message =
          err.code === 'TENDER_NOT_EDITABLE'
            ? 'Części można dodawać tylko przed zebraniem udziałów (etap projektu lub zbierania udziałów).'
            : err.code === 'LOT_NUMBER_TAKEN'
              ? `Część o numerze ${form.numer} już istnieje w tym postępowaniu; wpisz inny numer.`
              : `Nie można dodać części: ${err.message}`;
        return [{ ...RULES.number, message }];
      },
      again: (errors) => this.page(req, reply, tender, form, errors, 422),
      done: () => ({
        to: `/postepowania/${id}`,
        text: `Dodano część ${form.numer}: ${form.tytul}.`,
      }),
    });
  }

  private async mayAdd(actor: Actor, id: string): Promise<TenderView> {
    const tender = await this.tenders.get(actor, id);
    if (!tender.allowedActions.includes('addLot'))
      throw forbidden(
        'FORBIDDEN',
        "Only the leader's procurement officers add lots, before the shares are complete",
      );
    return tender;
  }

  private page(
    req: WebRequest,
    reply: FastifyReply,
    tender: TenderView,
    form: LotForm,
    errors: FieldErrorView[] = [],
    status = 200,
  ): Promise<FastifyReply> {
    return this.pages.render(
      req,
      reply,
      'postepowanie-czesc',
      {
        title: `Dodaj część – ${tender.reference}`,
        tender,
        ...form,
        errors,
        ...fieldErrors(errors),
      },
      status,
    );
  }
}
