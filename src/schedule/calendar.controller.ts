import { Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../auth';
import { CurrentActor, Public } from '../auth';
import { CalendarService } from './calendar.service';
import { CalendarTokenView } from './dto/deadline.dto';

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Post('me/calendar-token')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Issue my secret calendar feed address (revokes the previous one)',
    description: 'Subscribe to the URL in a calendar app; keep it secret, it needs no login.',
  })
  @ApiCreatedResponse({ type: CalendarTokenView })
  issue(@CurrentActor() actor: Actor): Promise<CalendarTokenView> {
    return this.calendar.issueToken(actor);
  }

  @Delete('me/calendar-token')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke my calendar feed address' })
  @ApiNoContentResponse()
  async revoke(@CurrentActor() actor: Actor): Promise<void> {
    await this.calendar.revokeToken(actor);
  }

  @Public()
  @Get('calendar/:file')
  @ApiOperation({
    summary: 'My deadlines as an iCalendar (RFC 5545) feed',
    description: 'Deadlines of every tender you may see, with reminders (VALARM), Europe/Warsaw.',
  })
  @ApiParam({ name: 'file', example: '3q2l…Xw.ics', description: '<token>.ics' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar; charset=utf-8' })
  @ApiNotFoundResponse({ description: 'Unknown or revoked token' })
  async feed(
    @Param('file') file: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const body = await this.calendar.feed(file);
    void reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="wspolnie-terminy.ics"')
      .header('cache-control', 'private, max-age=300');
    return body;
  }
}
