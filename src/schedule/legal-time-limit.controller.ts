import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth';
import { badRequest } from '../common/errors';
import { computeTimeLimit } from '../common/polish-calendar';
import { TimeLimitQuery, TimeLimitView } from './dto/deadline.dto';

@ApiTags('legal')
@Controller('legal')
export class LegalTimeLimitController {
  @Public()
  @Get('time-limit')
  @ApiOperation({
    summary: 'A time limit of N days from an event, counted per KC art. 111–115 and Pzp art. 8',
    description:
      'The event day is not counted; an end on a Saturday or a holiday moves to the next working ' +
      'day; a limit of two or more days contains at least two working days. Europe/Warsaw.',
  })
  @ApiOkResponse({ type: TimeLimitView })
  timeLimit(@Query() q: TimeLimitQuery): TimeLimitView {
    try {
      const l = computeTimeLimit(q.from, q.days);
      return {
        from: l.from,
        days: l.days,
        nominalEnd: l.nominalEnd,
        end: l.end,
        basis: l.basis,
        shifted: l.shifted,
        ...(l.reason ? { reason: l.reason } : {}),
      };
    } catch (err) {
      if (err instanceof RangeError) {
        // The calculator names what it refused; an end beyond the years it knows is the start's fault.
        const field = err.message.startsWith('days') ? 'days' : 'from';
        const message =
          field === 'days'
            ? err.message
            : `from: ${q.days} days from ${q.from} end outside the years the calendar covers (up to 9999-12-31)`;
        throw badRequest('VALIDATION_FAILED', message, [
          { field, rule: field === 'days' ? 'timeLimitDays' : 'timeLimitInCalendarRange', message },
        ]);
      }
      throw err;
    }
  }
}
