import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { DomainError } from '../../common/errors';
import { UuidParam } from '../../common/http';
import { warsawDate } from '../../common/polish-calendar';
import { StallsService, type StallFigure } from '../../insights';
import { PartnershipsService, UpdatePartnershipDto } from '../../partnerships';
import { TendersService } from '../../tenders';
import { days, trendChart, waitChart } from '../stall-chart';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { validateAs } from '../web-validate';
import { STEP_PL } from '../web-words';
import { WebActor, WebController, type WebRequest } from '../web.decorators';

type Form = Record<string, string | undefined>;

/** Steps as the stall pages name them (the chain's steps and the leader's new amount). */
const STALL_STEP_PL: Record<string, string> = {
  ...STEP_PL,
  CHANGE_REQUESTED: 'Nowa kwota od lidera (partner prosi o zmianę)',
  TASK: 'Zadanie z podziału zadań i odpowiedzialności',
};

const THRESHOLD_FIELD = {
  field: 'stallEscalationWorkingDays',
  label: 'Po ilu dniach roboczych powiadomić kierownika',
} as const;

interface WaitingRow {
  shareId?: string;
  taskId?: string;
  title?: string;
  dueOn?: string;
  partnerName: string;
  step: string;
  workingDays: number;
  since: string;
  tenderId?: string;
  tenderReference?: string;
}

/**
 * A share's row links to the share and is over the partnership's threshold or not; a task's row
 * links to the task, says what it is and its due day, and is overdue (escalated to the head by the
 * deadline's overdue sweep) once its due day has passed — in words, not colour.
 */
function waitingRows(rows: WaitingRow[], threshold: number | null, today: string) {
  return rows.map((w) =>
    w.taskId
      ? {
          ...w,
          href: `/zadania-postepowania/${w.taskId}`,
          stepLabel: `Zadanie: ${w.title ?? ''}`,
          task: true,
          overdue: (w.dueOn ?? '') < today,
        }
      : {
          ...w,
          href: `/udzialy/${w.shareId ?? ''}`,
          stepLabel: STALL_STEP_PL[w.step] ?? w.step,
          task: false,
          overThreshold: threshold !== null && w.workingDays >= threshold,
        },
  );
}

function figureRows(figures: StallFigure[], label: (f: StallFigure) => string) {
  return figures.map((f) => ({
    ...f,
    label: label(f),
    median: days(f.medianWorkingDays),
    slowest: days(f.slowestWorkingDays),
  }));
}

/**
 * "Gdzie czekają decyzje": per tender and per partnership, for the leader's procurement officers
 * (and administrators) — what waits now and for how long, median and slowest wait per step and
 * per partner, the trend, and the partnership's escalation threshold. All figures from
 * StallsService, under the same rules as the API (403 for other participants).
 */
@WebController()
export class StallsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly stalls: StallsService,
    private readonly tenders: TendersService,
    private readonly partnerships: PartnershipsService,
  ) {}

  @Get('postepowania/:id/zastoje')
  async tenderPage(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    const report = await this.stalls.tenderReport(actor, id);
    const tender = await this.tenders.get(actor, id);
    const partnership = await this.partnerships.get(actor, tender.partnershipId);
    const threshold = partnership.stallEscalationWorkingDays;
    const perPartner = figureRows(report.perPartner, (f) => f.label);
    return this.pages.render(req, reply, 'zastoje', {
      title: `Gdzie czekają decyzje – ${tender.reference}`,
      tender,
      partnership,
      asOf: report.asOf,
      threshold,
      waiting: waitingRows(report.waitingNow, threshold, warsawDate(new Date(report.asOf))),
      perStep: figureRows(report.perStep, (f) => STALL_STEP_PL[f.key] ?? f.key),
      perPartner,
      chart: waitChart(
        `Czas oczekiwania na decyzje partnerów w postępowaniu ${tender.reference} (dni robocze)`,
        perPartner,
      ),
      partnershipHref: `/partnerstwa/${partnership.id}/zastoje`,
    });
  }

  @Get('partnerstwa/:id/zastoje')
  async partnershipPage(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    return this.renderPartnership(req, reply, actor, id, [], undefined);
  }

  /** The escalation threshold of the partnership (PATCH /partnerships/:id, with its version). */
  @Post('partnerstwa/:id/zastoje')
  async setThreshold(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const raw = (body.stallEscalationWorkingDays ?? '').trim();
    const { value, violations } = await validateAs(UpdatePartnershipDto, {
      version: Number(body.version),
      stallEscalationWorkingDays: /^\d{1,3}$/.test(raw) ? Number(raw) : raw,
    });
    const invalid = violations.some((v) => v.field === 'stallEscalationWorkingDays');
    if (invalid)
      return this.renderPartnership(
        req,
        reply,
        actor,
        id,
        [{ ...THRESHOLD_FIELD, message: 'Podaj liczbę dni roboczych od 1 do 60.' }],
        raw,
        422,
      );
    const stale: FieldErrorView = {
      ...THRESHOLD_FIELD,
      message:
        'Ktoś w międzyczasie zmienił dane partnerstwa. Strona pokazuje aktualny próg – zmień go ponownie.',
    };
    if (violations.length > 0)
      return this.renderPartnership(req, reply, actor, id, [stale], raw, 409);
    try {
      await this.partnerships.update(actor, id, value);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'PARTNERSHIP_VERSION_CONFLICT')
        return this.renderPartnership(req, reply, actor, id, [stale], raw, 409);
      throw err;
    }
    return this.pages.redirect(req, reply, `/partnerstwa/${id}/zastoje`, {
      kind: 'success',
      text: `Zapisano próg eskalacji: ${value.stallEscalationWorkingDays} dni roboczych.`,
    });
  }

  private async renderPartnership(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    errors: FieldErrorView[],
    entered: string | undefined,
    status = 200,
  ): Promise<FastifyReply> {
    const report = await this.stalls.partnershipReport(actor, id);
    const partnership = await this.partnerships.get(actor, id);
    const threshold = report.stallEscalationWorkingDays;
    const perPartner = figureRows(report.perPartner, (f) => f.label);
    return this.pages.render(
      req,
      reply,
      'zastoje-partnerstwo',
      {
        title: `Gdzie czekają decyzje – ${partnership.name}`,
        partnership,
        asOf: report.asOf,
        from: report.from,
        threshold,
        waiting: waitingRows(report.waitingNow, threshold, warsawDate(new Date(report.asOf))),
        perStep: figureRows(report.perStep, (f) => STALL_STEP_PL[f.key] ?? f.key),
        perPartner,
        trend: report.trend.map((p) => ({ ...p, median: days(p.medianWorkingDays) })),
        chart: waitChart(
          `Czas oczekiwania na decyzje partnerów w partnerstwie ${partnership.name} (dni robocze)`,
          perPartner,
        ),
        trendChart: trendChart(
          `Mediana oczekiwania na decyzję w kolejnych miesiącach (dni robocze)`,
          report.trend,
        ),
        errors,
        thresholdValue: entered ?? String(threshold),
        thresholdError: errors[0]?.message,
      },
      status,
    );
  }
}
