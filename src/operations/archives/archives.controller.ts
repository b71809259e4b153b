import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { CurrentActor } from '../../auth';
import { UuidParam } from '../../common/http';
import { contentDisposition } from '../../documents';
import { ARCHIVE_RETRY_AFTER_SECONDS } from './archive-rules';
import { ArchivesService } from './archives.service';

@ApiTags('operations')
@ApiBearerAuth()
@Controller()
export class ArchivesController {
  constructor(private readonly archives: ArchivesService) {}

  @Get('tenders/:id/archive.zip')
  @ApiOperation({
    summary:
      "The tender's documentation in one zip (Pzp art. 78): documents, audit trail, OCDS, settlement, SHA-256 manifest",
    description:
      'Built by the worker. The first call (or the first after any change to the tender) queues ' +
      'a build and answers 202 with the archive status and Retry-After; call again until 200 ' +
      'application/zip. Contents: `dokumenty/` (the current version of every READY document), ' +
      '`dziennik-zdarzen.jsonl` (the audit trail, one event a line), `ocds.json` (release ' +
      'package), `rozliczenie.csv` (settlement, once there is one), `manifest.json` and ' +
      "`SHA256SUMS` (`sha256sum -c`). For the partnership's lawyers and the leader's " +
      'procurement officers.',
  })
  @ApiProduces('application/zip', 'application/json')
  @ApiOkResponse({ description: 'application/zip, ETag = SHA-256 of the zip' })
  @ApiAcceptedResponse({
    description: 'Being built; ask again after Retry-After seconds',
    schema: {
      example: {
        id: '0f8b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
        status: 'QUEUED',
        createdAt: '2027-03-10T10:00:00.000Z',
        retryAfterSeconds: 2,
      },
    },
  })
  @ApiForbiddenResponse({ description: "Only the partnership's lawyers and the leader's officers" })
  @ApiNotFoundResponse({ description: 'Unknown, or the tender is not visible to you' })
  async archive(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile | Record<string, unknown>> {
    const answer = await this.archives.fetch(actor, id);
    if (answer.ready) {
      void reply
        .header('content-type', 'application/zip')
        .header('content-disposition', contentDisposition(answer.fileName))
        .header('etag', `"${answer.archive.sha256}"`);
      return new StreamableFile(answer.content);
    }
    void reply.status(202).header('retry-after', String(ARCHIVE_RETRY_AFTER_SECONDS));
    return {
      id: answer.archive.id,
      status: answer.archive.status,
      createdAt: answer.archive.createdAt.toISOString(),
      error: answer.archive.error,
      retryAfterSeconds: ARCHIVE_RETRY_AFTER_SECONDS,
    };
  }
}
