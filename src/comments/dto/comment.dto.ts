import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsString, MaxLength, Min, MinLength } from 'class-validator';

export const COMMENT_MAX_LENGTH = 4000;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class PostCommentDto {
  @ApiProperty({
    example: 'Proszę o sprawdzenie opisu przedmiotu zamówienia dla części 1 przed piątkiem.',
    description:
      'Plain text (never rendered as HTML), 1–4000 characters. `@login` mentions a person who ' +
      'sees the object: the local part of the e-mail (`@head`) when only one such person has it, ' +
      'else the full e-mail (`@head@liszki.demo`); each is notified (in-app and e-mail).',
    minLength: 1,
    maxLength: COMMENT_MAX_LENGTH,
  })
  @Transform(trim)
  @IsString({ message: 'body must be text' })
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(COMMENT_MAX_LENGTH, {
    message: `body must be at most ${COMMENT_MAX_LENGTH} characters`,
  })
  body: string;
}

export class CorrectCommentDto extends PostCommentDto {
  @ApiProperty({ example: 1, description: 'The version being corrected (409 when stale)' })
  @IsInt()
  @Min(1)
  version: number;
}

export class WithdrawCommentDto {
  @ApiProperty({ example: 1, description: 'The version being withdrawn (409 when stale)' })
  @IsInt()
  @Min(1)
  version: number;
}

export class CommentRevisionView {
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ enum: ['POSTED', 'CORRECTED', 'WITHDRAWN'], example: 'POSTED' }) action: string;
  @ApiProperty({ nullable: true, type: String, example: 'Proszę o sprawdzenie OPZ.' })
  body: string | null;
  @ApiProperty({ example: '2026-11-12T09:15:00.000Z' }) at: string;
}

export class CommentView {
  @ApiProperty({ format: 'uuid', description: 'The comment (the same for all its versions)' })
  id: string;
  @ApiProperty({ enum: ['tender', 'lot', 'share', 'task', 'sheet'], example: 'tender' })
  targetKind: string;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ format: 'uuid' }) tenderId: string | null;
  @ApiProperty({ format: 'uuid' }) authorUserId: string;
  @ApiProperty({ example: 'Anna Nowak' }) authorName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Gmina Liszki' })
  organisationName: string | null;
  @ApiProperty({
    enum: ['ACTIVE', 'CORRECTED', 'WITHDRAWN'],
    example: 'CORRECTED',
    description: 'CORRECTED: the current text replaced an earlier one (kept in revisions)',
  })
  status: string;
  @ApiProperty({ nullable: true, type: String, description: 'Current text; null when withdrawn' })
  body: string | null;
  @ApiProperty({ example: 2, description: 'The current version' }) version: number;
  @ApiProperty({ example: '2026-11-12T09:15:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-11-12T09:40:00.000Z' }) updatedAt: string;
  @ApiProperty({ nullable: true, type: String, example: null }) withdrawnAt: string | null;
  @ApiProperty({
    example: [{ userId: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99', displayName: 'Jan Kowalski' }],
  })
  mentions: { userId: string; displayName: string }[];
  @ApiProperty({ type: [CommentRevisionView], description: 'Every version, oldest first' })
  revisions: CommentRevisionView[];
  @ApiProperty({ example: ['correct', 'withdraw'], description: 'What the caller may do' })
  allowedActions: string[];
}

export class CommentThreadView {
  @ApiProperty({ type: [CommentView] }) items: CommentView[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 50 }) limit: number;
  @ApiProperty({ example: 0 }) offset: number;
  @ApiProperty({ example: true, description: 'May the caller post in this thread' })
  mayPost: boolean;
}
