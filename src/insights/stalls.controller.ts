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
import { StallsService, type StallReport } from './stalls.service';

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
      'arrival not counted). waitingNow: the shares waiting now, longest first; perStep and ' +
      'perPartner: median and slowest wait, slowest first.',
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
        ],
        perStep: [FIGURE],
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
}
