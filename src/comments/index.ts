export { CommentsModule } from './comments.module';
export { CommentsService } from './comments.service';
export { COMMENT_TARGET_KINDS, CommentTargets } from './comment-targets';
export type {
  CommentTarget,
  CommentTargetKind,
  CommentTargetResolver,
  ResolvedTarget,
} from './comment-targets';
export {
  COMMENT_MAX_LENGTH,
  CorrectCommentDto,
  PostCommentDto,
  WithdrawCommentDto,
} from './dto/comment.dto';
export type { CommentView, CommentThreadView } from './dto/comment.dto';
export { parseMentions } from './mentions';
