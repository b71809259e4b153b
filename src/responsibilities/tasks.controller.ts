import { Body, Controller, Get, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '../auth';
import { FILE_BODY_ROUTE, UuidParam } from '../common/http';
import {
  ApplyTaskSetDto,
  ChangeTaskDto,
  CompleteTaskDto,
  CreateTaskDto,
  TaskMatrixView,
  TaskSetView,
  TaskView,
  WaiveTaskDto,
} from './dto/task.dto';
import { TASK_SETS, type TaskSetKind } from './task-kinds';
import { ResponsibilityTasksService } from './tasks.service';

const MANAGE =
  "The leader's procurement officers. One transaction with the audit event and the task's " +
  'deadline (reminders to the responsible organisation, escalation to its head when missed).';
const RULES_422 =
  'organisationId not the leader or a partner with a share (partnerOfTender), personUserId ' +
  'without a role there (memberOfOrganisation), dueOn in the past (notInPast), an unknown lot ' +
  '(lotExists), LEADER_FOR_ALL for another organisation (leaderForAll)';

@ApiTags('responsibilities')
@ApiBearerAuth()
@Controller()
export class ResponsibilityTasksController {
  constructor(private readonly tasks: ResponsibilityTasksService) {}

  @Get('task-sets')
  @ApiOperation({ summary: 'The task sets per subject kind the officer starts a matrix from' })
  @ApiOkResponse({ type: [TaskSetView] })
  sets(): TaskSetView[] {
    return (Object.keys(TASK_SETS) as TaskSetKind[]).map((set) => ({
      set,
      label: TASK_SETS[set].label,
      tasks: TASK_SETS[set].tasks,
    }));
  }

  @Get('tenders/:id/tasks')
  @ApiOperation({
    summary: 'The responsibility matrix of a tender (partners × tasks, status per cell)',
    description: 'Everyone who sees the tender (404 otherwise).',
  })
  @ApiOkResponse({ type: TaskMatrixView })
  @ApiNotFoundResponse({ description: 'Unknown tender, or not yours to see' })
  matrix(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<TaskMatrixView> {
    return this.tasks.matrix(actor, id);
  }

  @Post('tenders/:id/tasks')
  @ApiOperation({ summary: 'Add a task to the matrix', description: MANAGE })
  @ApiCreatedResponse({ type: TaskView })
  @ApiForbiddenResponse({ description: "Not the leader's procurement officer" })
  @ApiNotFoundResponse({ description: 'Unknown tender, or not yours to see' })
  @ApiUnprocessableEntityResponse({ description: RULES_422 })
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CreateTaskDto,
  ): Promise<TaskView> {
    return this.tasks.create(actor, id, dto);
  }

  @Post('tenders/:id/tasks/apply-set')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Apply a task set: creates its tasks per lot and per partner',
    description: `${MANAGE} Lines the leader does for all (art. 38 Pzp) are created once for the leader.`,
  })
  @ApiOkResponse({ type: TaskMatrixView })
  @ApiForbiddenResponse({ description: "Not the leader's procurement officer" })
  @ApiNotFoundResponse({ description: 'Unknown tender, or not yours to see' })
  applySet(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: ApplyTaskSetDto,
  ): Promise<TaskMatrixView> {
    return this.tasks.applySet(actor, id, dto);
  }

  @Get('tender-tasks/:id')
  @ApiOperation({ summary: 'One task of a matrix', description: 'Who sees the tender.' })
  @ApiOkResponse({ type: TaskView })
  @ApiNotFoundResponse({ description: 'Unknown task, or its tender not yours to see' })
  one(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<TaskView> {
    return this.tasks.one(actor, id);
  }

  @Post('tender-tasks/:id/changes')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change the due day or the responsible of an open task (a new version)',
    description: `${MANAGE} Audit event \`task.changed\` with the reason.`,
  })
  @ApiOkResponse({ type: TaskView })
  @ApiForbiddenResponse({ description: "Not the leader's procurement officer" })
  @ApiNotFoundResponse({ description: 'Unknown task, or its tender not yours to see' })
  @ApiConflictResponse({ description: 'Stale version, or the task is done or waived' })
  @ApiUnprocessableEntityResponse({ description: RULES_422 })
  change(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: ChangeTaskDto,
  ): Promise<TaskView> {
    return this.tasks.change(actor, id, dto);
  }

  @Post('tender-tasks/:id/done')
  @RouteConfig({ [FILE_BODY_ROUTE]: true })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark a task done, with a note or an attached file (a new version)',
    description:
      "The responsible organisation's officer, coordinator, treasurer or head, or the leader's " +
      'procurement officers. Completes the deadline; audit event `task.done`. The file goes as ' +
      'Base64 in `file.contentBase64` (at most 5 MB of file, so this body may have up to 7 MB; ' +
      'every other route takes 1 MB).',
  })
  @ApiOkResponse({ type: TaskView })
  @ApiForbiddenResponse({
    description: 'Not of the responsible organisation nor the leader officer',
  })
  @ApiNotFoundResponse({ description: 'Unknown task, or its tender not yours to see' })
  @ApiConflictResponse({ description: 'Stale version, or the task is done or waived' })
  complete(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CompleteTaskDto,
  ): Promise<TaskView> {
    return this.tasks.complete(actor, id, dto);
  }

  @Post('tender-tasks/:id/waive')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Waive an open task with a reason (a new version)',
    description: `${MANAGE} Cancels the deadline; audit event \`task.waived\`.`,
  })
  @ApiOkResponse({ type: TaskView })
  @ApiForbiddenResponse({ description: "Not the leader's procurement officer" })
  @ApiNotFoundResponse({ description: 'Unknown task, or its tender not yours to see' })
  @ApiConflictResponse({ description: 'Stale version, or the task is done or waived' })
  waive(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: WaiveTaskDto,
  ): Promise<TaskView> {
    return this.tasks.waive(actor, id, dto);
  }

  @Get('tender-tasks/:id/file')
  @ApiOperation({
    summary: 'The file attached to a done task',
    description: 'Who sees the tender.',
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file as attached' })
  @ApiNotFoundResponse({ description: 'Unknown task, no file, or its tender not yours to see' })
  async file(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const f = await this.tasks.file(actor, id);
    void reply
      .header('content-type', f.contentType)
      .header(
        'content-disposition',
        `attachment; filename="${f.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(f.name)}`,
      )
      .header('cache-control', 'private, no-store');
    return new StreamableFile(f.bytes);
  }
}
