import { Module, OnModuleInit } from '@nestjs/common';
import { CommentsModule, CommentTargets } from '../comments';
import { PartnershipsModule } from '../partnerships';
import { TendersModule } from '../tenders';
import { ProjectSheetsController } from './project-sheets.controller';
import { ProjectSheetsService } from './project-sheets.service';

/**
 * Project sheets (fiszki projektów), the stage before a tender (issue #14). A sheet has a comment
 * thread: this module tells the comments module (a lower layer) who sees a sheet.
 */
@Module({
  imports: [PartnershipsModule, TendersModule, CommentsModule],
  controllers: [ProjectSheetsController],
  providers: [ProjectSheetsService],
  exports: [ProjectSheetsService],
})
export class ProjectsModule implements OnModuleInit {
  constructor(
    private readonly targets: CommentTargets,
    private readonly sheets: ProjectSheetsService,
  ) {}

  onModuleInit(): void {
    this.targets.register('sheet', (manager, actor, id) =>
      this.sheets.commentTarget(manager, actor, id),
    );
  }
}
