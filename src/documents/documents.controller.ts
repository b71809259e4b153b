import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../auth';
import { CurrentActor } from '../auth';
import { UuidParam } from '../common/http';
import { DocumentsService } from './documents.service';
import { contentDisposition } from './download-names';
import { DocumentListView, DocumentView, RequestDocumentDto } from './dto/document.dto';

@ApiTags('documents')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown, or the tender is not visible to you' })
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post('tenders/:id/documents')
  @HttpCode(202)
  @ApiOperation({
    summary:
      "Request a document (the leader's procurement officers and the partnership's lawyers); the worker renders it",
    description:
      'Saves the input snapshot now and queues the render: 202 with the document QUEUED. Each ' +
      'request makes the next version for (tender, kind, organisation); older versions stay ' +
      'downloadable. POWER_OF_ATTORNEY, SHARE_CONFIRMATION and SETTLEMENT need `organisationId` ' +
      "(a party). SETTLEMENT (the partner's settlement statement) is available from AWARDED on and " +
      "may also be requested and read by those who see that partner's finance (its treasurer, " +
      "head and coordinator; the leader's procurement officers and treasurer).",
  })
  @ApiAcceptedResponse({ type: DocumentView })
  @ApiForbiddenResponse({ description: "Only the leader's procurement officers and lawyers" })
  @ApiUnprocessableEntityResponse({
    description:
      'DOCUMENT_DATA_MISSING: a party lacks data the document must print (named in `missing`); ' +
      'SETTLEMENT_NOT_AVAILABLE: a SETTLEMENT of a tender that is not AWARDED, CONTRACTED or SETTLED',
  })
  request(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: RequestDocumentDto,
  ): Promise<DocumentView> {
    return this.documents.request(actor, id, dto);
  }

  @Get('tenders/:id/documents')
  @ApiOperation({
    summary: "A tender's documents, every version, that you may download",
  })
  @ApiOkResponse({ type: DocumentListView })
  async list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<DocumentListView> {
    return { items: await this.documents.list(actor, id) };
  }

  @Get('tenders/:id/documents/bundle.zip')
  @ApiOperation({
    summary:
      'The newest READY version of every document you may download, zipped, with SHA-256 sums',
    description: 'Contains the PDFs, `SHA256SUMS` (for `sha256sum -c`) and `manifest.json`.',
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'application/zip' })
  @ApiConflictResponse({ description: 'DOCUMENT_NOT_READY: no READY document yet' })
  async bundle(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { fileName, stream } = await this.documents.bundle(actor, id);
    void reply
      .header('content-type', 'application/zip')
      .header('content-disposition', contentDisposition(fileName))
      .header('cache-control', 'private, no-store');
    return new StreamableFile(stream);
  }

  @Get('documents/:id')
  @ApiOperation({ summary: 'One document version: status, SHA-256, size and pages' })
  @ApiOkResponse({ type: DocumentView })
  @ApiForbiddenResponse({ description: 'Not a document you may read' })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<DocumentView> {
    return this.documents.get(actor, id);
  }

  @Get('documents/:id/file')
  @ApiOperation({
    summary:
      'Download the PDF (ETag = SHA-256; If-None-Match gives 304); every download is audited',
  })
  @ApiProduces('application/pdf')
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of a copy you hold' })
  @ApiOkResponse({ description: 'application/pdf, Content-Disposition with the Polish file name' })
  @ApiResponse({ status: 304, description: 'Your copy (If-None-Match) is the current file' })
  @ApiForbiddenResponse({ description: 'Not a document you may read' })
  @ApiConflictResponse({ description: 'DOCUMENT_NOT_READY: QUEUED, RENDERING or FAILED' })
  async file(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile | undefined> {
    const { document, fileName, stream } = await this.documents.download(actor, id, ifNoneMatch);
    void reply.header('etag', `"${document.sha256}"`).header('cache-control', 'private, no-cache');
    if (!stream) {
      void reply.status(304);
      return undefined;
    }
    void reply
      .header('content-type', 'application/pdf')
      .header('content-length', String(document.sizeBytes))
      .header('content-disposition', contentDisposition(fileName));
    return new StreamableFile(stream);
  }
}
