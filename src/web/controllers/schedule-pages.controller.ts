import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { todayInWarsaw } from '../../common/dates';
import { DomainError } from '../../common/errors';
import { UuidParam } from '../../common/http';
import {
  ApplyScheduleDto,
  DeadlinesQuery,
  DeadlinesService,
  ScheduleQuery,
  ScheduleService,
  type ScheduleProposalView,
} from '../../schedule';
import { TendersService } from '../../tenders';
import { dateLong, FORMS, plural } from '../web-format';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { validateAs } from '../web-validate';
import { DEADLINE_KIND_PL, DEADLINE_STATUS_PL, REGIME_PL } from '../web-words';
import { WebActor, WebController, type WebRequest } from '../web.decorators';
import { fieldErrors } from './sign-in.controller';

type Form = Record<string, string | undefined>;

const DATE_FIELD = { field: 'publikacja', label: 'Dzień publikacji ogłoszenia' } as const;

/**
 * Harmonogram: the schedule the statutory minimum time limits give from a publication day, as a
 * timeline with each item's article and the earliest (or latest) lawful day; the officer applies
 * it; below, the tender's deadlines with their reminders and who is responsible.
 */
@WebController()
export class SchedulePagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly tenders: TendersService,
    private readonly schedule: ScheduleService,
    private readonly deadlines: DeadlinesService,
  ) {}

  @Get('postepowania/:id/harmonogram')
  async page(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query('publikacja') publikacja?: string,
  ): Promise<FastifyReply> {
    return this.render(req, reply, actor, id, publikacja);
  }

  @Post('postepowania/:id/harmonogram')
  async apply(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const publishedOn = (body.publikacja ?? '').trim();
    return this.pages.submit(req, reply, {
      dto: ApplyScheduleDto,
      input: { publishedOn },
      invalid: () => [dateError(publishedOn)],
      run: (value) => this.schedule.apply(actor, id, value),
      refused: (err) =>
        err instanceof DomainError && err.status === 422
          ? [
              {
                ...DATE_FIELD,
                message:
                  err.code === 'SCHEDULE_PUBLICATION_IN_PAST'
                    ? 'Dzień publikacji nie może być wcześniejszy niż dzisiaj: harmonogram liczy się od publikacji, która jest jeszcze przed Tobą.'
                    : 'Z tego dnia nie da się ułożyć zgodnego z prawem harmonogramu. Wybierz inny dzień.',
              },
            ]
          : null,
      again: (errors) => this.render(req, reply, actor, id, publishedOn, errors, 422),
      done: (out) => ({
        to: `/postepowania/${id}/harmonogram?publikacja=${publishedOn}`,
        text: `Zastosowano harmonogram od ${dateLong(publishedOn)}: ${plural(out.items.length, FORMS.deadline)} z przypomnieniami.`,
      }),
    });
  }

  private async render(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    publikacja: string | undefined,
    errors: FieldErrorView[] = [],
    status = 200,
  ): Promise<FastifyReply> {
    const tender = await this.tenders.get(actor, id);
    const publishedOn = (publikacja ?? '').trim() || tender.publishedOn || todayInWarsaw();
    const list = await this.deadlines.list(
      actor,
      id,
      Object.assign(new DeadlinesQuery(), { limit: 200, offset: 0 }),
    );
    let proposal: ScheduleProposalView | null = null;
    let unavailable: string | null = null;
    const { value, violations } = await validateAs(ScheduleQuery, { publishedOn });
    if (violations.length > 0) {
      if (errors.length === 0) errors = [dateError(publishedOn)];
      status = 422;
    } else {
      try {
        proposal = await this.schedule.proposal(actor, id, value);
      } catch (err) {
        if (!(err instanceof DomainError) || (err.status !== 409 && err.status !== 422)) throw err;
        unavailable =
          err.status === 409
            ? 'Na tym etapie postępowania nie układa się harmonogramu od dnia publikacji.'
            : 'Z tego dnia nie da się ułożyć zgodnego z prawem harmonogramu. Wybierz inny dzień.';
      }
    }
    const mayApply = tender.allowedActions.some(
      (a) => a === 'update' || a.startsWith('transition:'),
    );
    return this.pages.render(
      req,
      reply,
      'harmonogram',
      {
        title: `Harmonogram – ${tender.reference}`,
        tender,
        publishedOn,
        errors,
        ...fieldErrors(errors),
        unavailable,
        mayApply: mayApply && !!proposal,
        mayManage: mayApply,
        proposal: proposal
          ? {
              ...proposal,
              regimeLabel: REGIME_PL[proposal.regime] ?? proposal.regime,
              items: proposal.items.map((i) => ({
                ...i,
                title: i.title || DEADLINE_KIND_PL[i.kind] || i.kind,
                limit:
                  i.minimum && i.constraint === 'NOT_BEFORE'
                    ? `Najwcześniej zgodnie z prawem: ${dateLong(i.minimum)}`
                    : i.minimum && i.constraint === 'NOT_AFTER'
                      ? `Najpóźniej zgodnie z prawem: ${dateLong(i.minimum)}`
                      : null,
              })),
            }
          : null,
        deadlines: list.items.map((d) => ({
          ...d,
          kindLabel: DEADLINE_KIND_PL[d.kind] ?? d.kind,
          statusLabel: DEADLINE_STATUS_PL[d.status] ?? d.status,
          responsible: d.responsibleOrganisationName ?? 'lider partnerstwa',
          reminders: d.reminderOffsets.map(offsetPl).join(', ') || 'bez przypomnień',
        })),
      },
      status,
    );
  }
}

function dateError(value: string): FieldErrorView {
  return {
    ...DATE_FIELD,
    message: value
      ? 'Wpisz prawdziwą datę w postaci RRRR-MM-DD, np. 2027-01-11.'
      : 'Wpisz dzień publikacji ogłoszenia, np. 2027-01-11.',
  };
}

/** 10080 → "7 dni przed", 60 → "1 godzinę przed", 0 → "w chwili terminu". */
export function offsetPl(minutes: number): string {
  if (minutes === 0) return 'w chwili terminu';
  if (minutes % 1440 === 0) return `${plural(minutes / 1440, FORMS.day)} przed`;
  if (minutes % 60 === 0) return `${plural(minutes / 60, FORMS.hourAccusative)} przed`;
  return `${plural(minutes, FORMS.minuteAccusative)} przed`;
}
