import { Module } from '@nestjs/common';
import { ResponsibilitiesModule } from '../responsibilities';
import { TendersModule } from '../tenders';
import { CommentTargets } from './comment-targets';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';

/** Comment threads on tenders, lots, shares, tasks and project sheets, with @mentions (issue #14). */
@Module({
  imports: [TendersModule, ResponsibilitiesModule],
  controllers: [CommentsController],
  providers: [CommentsService, CommentTargets],
  exports: [CommentsService, CommentTargets],
})
export class CommentsModule {}
