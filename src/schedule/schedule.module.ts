import { Module } from '@nestjs/common';
import { TendersModule } from '../tenders';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { Clock, SystemClock } from './clock';
import { DeadlinesController } from './deadlines.controller';
import { DeadlineWriter } from './deadline-writer.service';
import { DeadlinesService } from './deadlines.service';
import { LegalTimeLimitController } from './legal-time-limit.controller';
import { ScheduleService } from './schedule.service';

/**
 * Deadlines, the statutory schedule, the legal calendar endpoint and iCalendar feeds (API side).
 * Other modules import it for `DeadlineWriter`.
 */
@Module({
  imports: [TendersModule],
  controllers: [DeadlinesController, LegalTimeLimitController, CalendarController],
  providers: [
    { provide: Clock, useClass: SystemClock },
    DeadlinesService,
    DeadlineWriter,
    ScheduleService,
    CalendarService,
  ],
  exports: [DeadlineWriter, Clock, DeadlinesService, CalendarService, ScheduleService],
})
export class ScheduleModule {}
