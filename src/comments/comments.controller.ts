import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../auth';
import { UuidParam } from '../common/http';
import { PageQuery } from '../common/pagination';
import type { CommentTargetKind } from './comment-targets';
import { CommentsService } from './comments.service';
import {
  CommentThreadView,
  CommentView,
  CorrectCommentDto,
  PostCommentDto,
  WithdrawCommentDto,
} from './dto/comment.dto';

const READ =
  'Everyone who sees the tender (the same rule as `GET /tenders/:id`; 404 otherwise), comments ' +
  'oldest first, each with its versions; `mayPost` says whether the caller may write.';
const WRITE =
  'Plain text with `@mentions` of people who see the object (each gets a `comment.mention` ' +
  'notification, in-app and e-mail unless switched off). Who sees the tender and holds a role ' +
  "other than lawyer in the leader or one of the tender's partners may post; lawyers read. One " +
  'transaction with the audit event `comment.posted` (in the tender history).';
const SHEET_READ =
  'Everyone who sees the partnership (the rule of `GET /project-sheets/:id`: its leader\'s and ' +
  "members' people, any role; 404 otherwise), comments oldest first, each with its versions.";
const SHEET_WRITE =
  'Plain text with `@mentions` of people who see the partnership (each gets a `comment.mention` ' +
  "notification). The people of the leader and of the partnership's members post, their " +
  'lawyers read. One transaction with the audit event `comment.posted` (partnership scope).';
const MENTION_422 =
  'A mention of someone who does not see the object, or a local part several such people share ' +
  '(errors[].field = body, rule mention / mentionAmbiguous)';

@ApiTags('comments')
@ApiBearerAuth()
@Controller()
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get('tenders/:id/comments')
  @ApiOperation({ summary: 'The comment thread of a tender', description: READ })
  @ApiOkResponse({ type: CommentThreadView })
  @ApiNotFoundResponse({ description: 'Unknown tender, or not yours to see' })
  tenderThread(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query() q: PageQuery,
  ): Promise<CommentThreadView> {
    return this.thread(actor, 'tender', id, q);
  }

  @Post('tenders/:id/comments')
  @ApiOperation({ summary: 'Comment on a tender', description: WRITE })
  @ApiCreatedResponse({ type: CommentView })
  @ApiForbiddenResponse({ description: 'Sees the tender but may not post (a lawyer)' })
  @ApiNotFoundResponse({ description: 'Unknown tender, or not yours to see' })
  @ApiUnprocessableEntityResponse({ description: MENTION_422 })
  postOnTender(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: PostCommentDto,
  ): Promise<CommentView> {
    return this.comments.post(actor, { kind: 'tender', id }, dto);
  }

  @Get('lots/:lotId/comments')
  @ApiOperation({ summary: 'The comment thread of a lot', description: READ })
  @ApiOkResponse({ type: CommentThreadView })
  @ApiNotFoundResponse({ description: 'Unknown lot, or its tender not yours to see' })
  lotThread(
    @CurrentActor() actor: Actor,
    @Param('lotId', UuidParam) id: string,
    @Query() q: PageQuery,
  ): Promise<CommentThreadView> {
    return this.thread(actor, 'lot', id, q);
  }

  @Post('lots/:lotId/comments')
  @ApiOperation({ summary: 'Comment on a lot', description: WRITE })
  @ApiCreatedResponse({ type: CommentView })
  @ApiForbiddenResponse({ description: 'Sees the tender but may not post (a lawyer)' })
  @ApiNotFoundResponse({ description: 'Unknown lot, or its tender not yours to see' })
  @ApiUnprocessableEntityResponse({ description: MENTION_422 })
  postOnLot(
    @CurrentActor() actor: Actor,
    @Param('lotId', UuidParam) id: string,
    @Body() dto: PostCommentDto,
  ): Promise<CommentView> {
    return this.comments.post(actor, { kind: 'lot', id }, dto);
  }

  @Get('shares/:id/comments')
  @ApiOperation({ summary: 'The comment thread of a share', description: READ })
  @ApiOkResponse({ type: CommentThreadView })
  @ApiNotFoundResponse({ description: 'Unknown share, or its tender not yours to see' })
  shareThread(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query() q: PageQuery,
  ): Promise<CommentThreadView> {
    return this.thread(actor, 'share', id, q);
  }

  @Post('shares/:id/comments')
  @ApiOperation({ summary: 'Comment on a share', description: WRITE })
  @ApiCreatedResponse({ type: CommentView })
  @ApiForbiddenResponse({ description: 'Sees the tender but may not post (a lawyer)' })
  @ApiNotFoundResponse({ description: 'Unknown share, or its tender not yours to see' })
  @ApiUnprocessableEntityResponse({ description: MENTION_422 })
  postOnShare(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: PostCommentDto,
  ): Promise<CommentView> {
    return this.comments.post(actor, { kind: 'share', id }, dto);
  }

  @Get('tender-tasks/:id/comments')
  @ApiOperation({ summary: 'The comment thread of a task of the responsibility matrix', description: READ })
  @ApiOkResponse({ type: CommentThreadView })
  @ApiNotFoundResponse({ description: 'Unknown task, or its tender not yours to see' })
  taskThread(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query() q: PageQuery,
  ): Promise<CommentThreadView> {
    return this.thread(actor, 'task', id, q);
  }

  @Post('tender-tasks/:id/comments')
  @ApiOperation({ summary: 'Comment on a task of the responsibility matrix', description: WRITE })
  @ApiCreatedResponse({ type: CommentView })
  @ApiForbiddenResponse({ description: 'Sees the tender but may not post (a lawyer)' })
  @ApiNotFoundResponse({ description: 'Unknown task, or its tender not yours to see' })
  @ApiUnprocessableEntityResponse({ description: MENTION_422 })
  postOnTask(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: PostCommentDto,
  ): Promise<CommentView> {
    return this.comments.post(actor, { kind: 'task', id }, dto);
  }

  @Get('project-sheets/:id/comments')
  @ApiOperation({
    summary: 'The comment thread of a project sheet',
    description: SHEET_READ,
  })
  @ApiOkResponse({ type: CommentThreadView })
  @ApiNotFoundResponse({ description: 'Unknown sheet, or its partnership not yours to see' })
  sheetThread(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query() q: PageQuery,
  ): Promise<CommentThreadView> {
    return this.thread(actor, 'sheet', id, q);
  }

  @Post('project-sheets/:id/comments')
  @ApiOperation({ summary: 'Comment on a project sheet', description: SHEET_WRITE })
  @ApiCreatedResponse({ type: CommentView })
  @ApiForbiddenResponse({ description: 'Sees the partnership but may not post (a lawyer)' })
  @ApiNotFoundResponse({ description: 'Unknown sheet, or its partnership not yours to see' })
  @ApiUnprocessableEntityResponse({ description: MENTION_422 })
  postOnSheet(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: PostCommentDto,
  ): Promise<CommentView> {
    return this.comments.post(actor, { kind: 'sheet', id }, dto);
  }

  @Post('comments/:id/corrections')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Correct your comment (a new version; the earlier text is kept and shown)',
    description:
      'Only the author, while allowed to post. Newly mentioned people are notified. Audit ' +
      'event `comment.corrected`.',
  })
  @ApiOkResponse({ type: CommentView })
  @ApiForbiddenResponse({ description: 'Not the author' })
  @ApiNotFoundResponse({ description: 'Unknown comment, or its object not yours to see' })
  @ApiConflictResponse({ description: 'Stale version (body has currentVersion), or withdrawn' })
  @ApiUnprocessableEntityResponse({ description: MENTION_422 })
  correct(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CorrectCommentDto,
  ): Promise<CommentView> {
    return this.comments.correct(actor, id, dto);
  }

  @Post('comments/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw your comment (shown as withdrawn with its time; never deleted)',
    description: 'Only the author. Audit event `comment.withdrawn`.',
  })
  @ApiOkResponse({ type: CommentView })
  @ApiForbiddenResponse({ description: 'Not the author' })
  @ApiNotFoundResponse({ description: 'Unknown comment, or its object not yours to see' })
  @ApiConflictResponse({ description: 'Stale version (body has currentVersion), or withdrawn' })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: WithdrawCommentDto,
  ): Promise<CommentView> {
    return this.comments.withdraw(actor, id, dto);
  }

  private thread(
    actor: Actor,
    kind: CommentTargetKind,
    id: string,
    q: PageQuery,
  ): Promise<CommentThreadView> {
    return this.comments.thread(actor, { kind, id }, q);
  }
}
