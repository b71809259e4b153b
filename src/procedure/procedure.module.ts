import { Module, OnModuleInit } from '@nestjs/common';
import { NotificationsModule } from '../notifications';
import { ScheduleModule } from '../schedule';
import { TenderHooks } from '../tenders';
import { TendersModule } from '../tenders';
import { EvaluationService } from './evaluation.service';
import { ProcedureLifecycle } from './procedure-lifecycle';
import { ProcedureController } from './procedure.controller';
import { ProcedureService } from './procedure.service';

/**
 * The procedure under the Pzp after the shares are confirmed: notices, committee and statements,
 * criteria, planned amounts, offers, evaluation, award or cancellation per lot, appeals. Hooks
 * into the tender lifecycle: the schedule and these records gate PUBLISHED, OFFERS_OPENED,
 * AWARDED and CONTRACTED, and each step completes (or a cancellation cancels) its deadlines.
 */
@Module({
  imports: [TendersModule, ScheduleModule, NotificationsModule],
  controllers: [ProcedureController],
  providers: [ProcedureService, EvaluationService, ProcedureLifecycle],
  exports: [ProcedureService, EvaluationService],
})
export class ProcedureModule implements OnModuleInit {
  constructor(
    private readonly hooks: TenderHooks,
    private readonly lifecycle: ProcedureLifecycle,
  ) {}

  onModuleInit(): void {
    this.hooks.addTransitionGuard((m, t, to) => this.lifecycle.missing(m, t, to));
    this.hooks.addTransitionListener((m, a, t, from) => this.lifecycle.transitioned(m, a, t, from));
    this.hooks.setPublicationDateSource((m, t) => this.lifecycle.publicationDate(m, t));
    this.hooks.setActClock(() => this.lifecycle.now());
  }
}
