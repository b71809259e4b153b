import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth';
import { CurrentActor } from '../auth';
import { TaskView } from './dto/tender-view.dto';
import { TasksService } from './tasks.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly tasks: TasksService) {}

  @Get('tasks')
  @ApiOperation({
    summary:
      'What waits for me: shares awaiting my step, change requests, tenders ready to publish',
  })
  @ApiOkResponse({ type: [TaskView] })
  async list(@CurrentActor() actor: Actor): Promise<{ items: TaskView[] }> {
    return { items: await this.tasks.forActor(actor) };
  }
}
