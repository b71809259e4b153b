import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { type Page, PageQuery } from '../common/pagination';
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
  @ApiOkResponse({
    description:
      'One page of what waits, oldest deadline first, with `total` (everything waiting); ' +
      '`limit` 1–200 (default 50), `offset` from 0',
    schema: {
      type: 'object',
      properties: {
        items: { type: 'array', items: { $ref: getSchemaPath(TaskView) } },
        total: { type: 'integer', example: 3 },
        limit: { type: 'integer', example: 50 },
        offset: { type: 'integer', example: 0 },
      },
    },
  })
  @ApiExtraModels(TaskView)
  list(@CurrentActor() actor: Actor, @Query() q: PageQuery): Promise<Page<TaskView>> {
    return this.tasks.pageFor(actor, q);
  }
}
