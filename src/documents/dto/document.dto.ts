import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
  type DocumentKind,
  type DocumentStatus,
} from '../document-kinds';

export class RequestDocumentDto {
  @ApiProperty({ enum: DOCUMENT_KINDS, example: 'AGREEMENT' })
  @IsIn(DOCUMENT_KINDS, { message: `kind must be one of ${DOCUMENT_KINDS.join(', ')}` })
  kind: DocumentKind;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '5f1c2a7e-2b7d-4c1e-9d3a-3b2f4e6a8c10',
    description:
      'Required for POWER_OF_ATTORNEY, SHARE_CONFIRMATION and SETTLEMENT (the partner the document is for: ' +
      'the leader or an organisation with an active share); not allowed for the other kinds',
  })
  @IsOptional()
  @IsUUID(undefined, { message: 'organisationId must be a UUID' })
  organisationId?: string;
}

export class DocumentView {
  @ApiProperty({ format: 'uuid', example: '0b9f3c1e-8a2d-4f6b-9c7e-1d2a3b4c5d6e' })
  id: string;

  @ApiProperty({ format: 'uuid', example: '7c4e2a1b-3d5f-4a6b-8c9d-0e1f2a3b4c5d' })
  tenderId: string;

  @ApiProperty({ enum: DOCUMENT_KINDS, example: 'AGREEMENT' })
  kind: DocumentKind;

  @ApiProperty({ format: 'uuid', nullable: true, example: null, type: String })
  organisationId: string | null;

  @ApiProperty({ example: 1, description: '1, 2, … per (tender, kind, organisation)' })
  version: number;

  @ApiProperty({ enum: DOCUMENT_STATUSES, example: 'READY' })
  status: DocumentStatus;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b',
    description: 'SHA-256 of the PDF (also its ETag); null until READY',
  })
  sha256: string | null;

  @ApiProperty({ nullable: true, type: Number, example: 48213 })
  sizeBytes: number | null;

  @ApiProperty({ nullable: true, type: Number, example: 6 })
  pages: number | null;

  @ApiProperty({ example: '2026-11-26T09:15:00.000Z' })
  createdAt: string;

  @ApiProperty({ nullable: true, type: String, example: '2026-11-26T09:15:02.000Z' })
  readyAt: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description: 'Why the last attempt failed (set while retrying and when FAILED)',
  })
  error: string | null;
}

export class DocumentListView {
  @ApiProperty({ type: [DocumentView] })
  items: DocumentView[];
}
