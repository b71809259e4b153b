import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { DomainError } from '../../common/errors';
import { UuidParam } from '../../common/http';
import { toWarsawIso, warsawDate, warsawDateTime } from '../../common/polish-calendar';
import { DeadlinesService, UpdateDeadlineDto, type DeadlineView } from '../../schedule';
import { TendersService } from '../../tenders';
import { dateLong } from '../web-format';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { DEADLINE_KIND_PL, DEADLINE_STATUS_PL } from '../web-words';
import { WebActor, WebController, type WebRequest } from '../web.decorators';
import { fieldErrors } from './sign-in.controller';

type Form = Record<string, string | undefined>;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Zmiana terminu: one saved deadline with its statutory limit ("najwcześniej zgodnie z prawem …",
 * with the article), and for the leader's officer a form for the new day and hour. The same
 * `DeadlinesService.update` as `PATCH /deadlines/:id`: a day before the statutory minimum comes back
 * naming the earliest lawful day; a stale form lands on the current state.
 */
@WebController()
export class DeadlinePagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly deadlines: DeadlinesService,
    private readonly tenders: TendersService,
  ) {}

  @Get('terminy/:id')
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    const d = await this.deadlines.get(actor, id);
    const day = warsawDate(new Date(d.dueAt));
    const time = d.dueAt.slice(11, 16);
    return this.page(req, reply, actor, d, { day, time });
  }

  @Post('terminy/:id')
  async save(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const d = await this.deadlines.get(actor, id);
    const day = (body.dzien ?? '').trim();
    const time = (body.godzina ?? '').trim();
    const errors: FieldErrorView[] = [];
    if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T12:00:00Z`)))
      errors.push({
        field: 'dzien',
        label: 'Dzień',
        message: 'Wpisz dzień w postaci RRRR-MM-DD, np. 2027-01-25.',
      });
    if (!TIME.test(time))
      errors.push({
        field: 'godzina',
        label: 'Godzina',
        message: 'Wpisz godzinę w postaci GG:MM, np. 10:00.',
      });
    if (errors.length > 0) return this.page(req, reply, actor, d, { day, time, errors }, 422);
    // The day and hour are read first: the DTO checks the instant they make.
    return this.pages.submit(req, reply, {
      dto: UpdateDeadlineDto,
      input: { version: Number(body.version), dueAt: toWarsawIso(warsawDateTime(day, time)) },
      invalid: () => [dayError('Sprawdź dzień i godzinę.')],
      run: (value) => this.deadlines.update(actor, id, value),
      refused: (err) => {
        if (!(err instanceof DomainError)) return null;
        if (err.code === 'DEADLINE_BEFORE_STATUTORY_MINIMUM') {
          const earliest = typeof err.details?.earliest === 'string' ? err.details.earliest : '';
          const basis = typeof err.details?.basis === 'string' ? err.details.basis : '';
          return [
            dayError(`Najwcześniejszy zgodny z prawem dzień to ${dateLong(earliest)} (${basis}).`),
          ];
        }
        return err.status === 422 ? [dayError(err.message)] : null;
      },
      again: (errors) => this.page(req, reply, actor, d, { day, time, errors }, 422),
      stale: () => ({
        to: `/terminy/${id}`,
        text: 'Termin zmienił się w międzyczasie; poniżej jego obecny stan. Nic nie zapisano.',
      }),
      done: () => ({
        to: `/postepowania/${d.tenderId}/harmonogram`,
        text: `Zmieniono termin „${d.title || DEADLINE_KIND_PL[d.kind] || d.kind}” na ${dateLong(day)}, godz. ${time}; przypomnienia przesunięto.`,
      }),
    });
  }

  private async page(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    d: DeadlineView,
    form: { day: string; time: string; errors?: FieldErrorView[] },
    status = 200,
  ): Promise<FastifyReply> {
    const tender = await this.tenders.get(actor, d.tenderId);
    // The leader's officers manage deadlines (as on Harmonogram); a done or cancelled one stays.
    const mayEdit =
      d.status === 'OPEN' &&
      tender.allowedActions.some((a) => a === 'update' || a.startsWith('transition:'));
    const m = d.minimum;
    return this.pages.render(
      req,
      reply,
      'termin',
      {
        title: `Termin: ${d.title || DEADLINE_KIND_PL[d.kind] || d.kind} – ${tender.reference}`,
        tender,
        deadline: d,
        kindLabel: DEADLINE_KIND_PL[d.kind] ?? d.kind,
        statusLabel: DEADLINE_STATUS_PL[d.status] ?? d.status,
        limit: m
          ? `${m.constraint === 'NOT_AFTER' ? 'Najpóźniej' : 'Najwcześniej'} zgodnie z prawem: ${dateLong(m.on)} (${m.basis})`
          : null,
        mayEdit,
        day: form.day,
        time: form.time,
        errors: form.errors ?? [],
        ...fieldErrors(form.errors ?? []),
      },
      status,
    );
  }
}

const dayError = (message: string): FieldErrorView => ({ field: 'dzien', label: 'Dzień', message });
