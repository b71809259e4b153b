import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../auth';
import { UuidParam } from '../common/http';
import { StallsService, type PartnershipStallReport, type StallReport } from './stalls.service';

const TASK_WAIT = {
  taskId: '7d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a',
  tenderId: '0b6f2c1a-7d3e-4f5a-8b9c-1d2e3f4a5b6c',
  partnerId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  partnerName: 'Gmina Przykładowa',
  step: 'TASK',
  title: 'Dane wejściowe',
  lotNumber: null,
  dueOn: '2026-11-09',
  workingDays: 4,
  since: '2026-11-05T10:00:00.000Z',
};
const TASK_FIGURE = {
  key: 'TASK',
  label: 'TASK',
  count: 3,
  medianWorkingDays: 4,
  slowestWorkingDays: 6,
  slowestTaskId: TASK_WAIT.taskId,
};

const FIGURE = {
  key: 'TREASURER',
  label: 'TREASURER',
  count: 2,
  medianWorkingDays: 4,
  slowestWorkingDays: 7,
  slowestShareId: '5f0c1b7e-2a4d-4c1e-9b3a-8d2e6f1a0c11',
};

@ApiTags('insights')
@ApiBearerAuth()
@Controller()
export class StallsController {
  constructor(private readonly stalls: StallsService) {}

  @Get('tenders/:id/stalls')
  @ApiOperation({
    summary: 'Where decisions stall in a tender (leader’s procurement officers, administrators)',
    description:
      'Every stay of every share at a step of its chain (COORDINATOR → TREASURER → HEAD, and ' +
      'CHANGE_REQUESTED while the leader is to set a new amount), derived from the share ' +
      'approvals, in Polish working days (weekends and public holidays not counted; the day of ' +
      'arrival not counted). The tasks of the responsibility matrix are the step TASK: a task ' +
      'waits for its responsible organisation from its creation (or its handing over) until it ' +
      'is done (a waived task is not counted). waitingNow: the shares and tasks waiting now, ' +
      'longest first (a task with taskId, title, lotNumber, dueOn); perStep and perPartner: ' +
      'median and slowest wait, slowest first (slowestShareId or slowestTaskId).',
  })
  @ApiOkResponse({
    description: 'Stall report',
    schema: {
      example: {
        tenderId: '0b6f2c1a-7d3e-4f5a-8b9c-1d2e3f4a5b6c',
        asOf: '2026-11-12T09:00:00.000Z',
        waitingNow: [
          {
            shareId: FIGURE.slowestShareId,
            partnerId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
            partnerName: 'Gmina Przykładowa',
            step: 'TREASURER',
            workingDays: 7,
            since: '2026-11-02T09:00:00.000Z',
          },
          TASK_WAIT,
        ],
        perStep: [FIGURE, TASK_FIGURE],
        perPartner: [
          { ...FIGURE, key: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', label: 'Gmina Przykładowa' },
        ],
      },
    },
  })
  @ApiForbiddenResponse({ description: 'A participant who is not the leader’s officer' })
  @ApiNotFoundResponse({ description: 'Unknown tender, or not yours to see' })
  tenderStalls(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<StallReport> {
    return this.stalls.tenderReport(actor, id);
  }

  @Get('partnerships/:id/stalls')
  @ApiOperation({
    summary:
      'Where decisions stall in a partnership (its leader’s procurement officers, administrators)',
    description:
      'The waits of every share and every task (step TASK) of the partnership’s tenders (drafts ' +
      'left out) that ended in the last 12 months or still go on, in Polish working days: ' +
      'waitingNow (with the tender), ' +
      'median and slowest per step and per partner, and the monthly trend (median wait of the ' +
      'waits that ended in each month). stallEscalationWorkingDays: after how many working days ' +
      'at one step the partner’s head is notified by the worker’s stall sweep.',
  })
  @ApiOkResponse({
    description: 'Partnership stall report',
    schema: {
      example: {
        partnershipId: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99',
        asOf: '2026-11-12T09:00:00.000Z',
        from: '2025-11-12T09:00:00.000Z',
        stallEscalationWorkingDays: 5,
        waitingNow: [
          {
            shareId: FIGURE.slowestShareId,
            partnerId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
            partnerName: 'Gmina Przykładowa',
            step: 'TREASURER',
            workingDays: 7,
            since: '2026-11-02T09:00:00.000Z',
            tenderId: '0b6f2c1a-7d3e-4f5a-8b9c-1d2e3f4a5b6c',
            tenderReference: 'ZP.271.1.2026',
          },
          { ...TASK_WAIT, tenderReference: 'ZP.271.1.2026' },
        ],
        perStep: [FIGURE, TASK_FIGURE],
        perPartner: [
          { ...FIGURE, key: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', label: 'Gmina Przykładowa' },
        ],
        trend: [{ month: '2026-10', count: 4, medianWorkingDays: 3 }],
      },
    },
  })
  @ApiForbiddenResponse({ description: 'A member who is not the leader’s procurement officer' })
  @ApiNotFoundResponse({ description: 'Unknown partnership, or not yours to see' })
  partnershipStalls(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<PartnershipStallReport> {
    return this.stalls.partnershipReport(actor, id);
  }
}
