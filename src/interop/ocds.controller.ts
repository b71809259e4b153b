import { Controller, Get, Header, Param, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../auth';
import { AuthService } from '../auth';
import { Public, type AuthenticatedRequest } from '../auth';
import { UuidParam } from '../common/http';
import { fieldError } from '../common/errors';
import {
  FEED_PAGE_MAX,
  OcdsService,
  type RecordPackage,
  type ReleasePackage,
} from './ocds.service';
import { EXAMPLE_RELEASE_PACKAGE } from './ocds-example';

/** Open contracting data (OCDS 1.1.5): public for published tenders, no token needed. */
@ApiTags('ocds')
@Public()
@Controller()
export class OcdsController {
  constructor(
    private readonly ocds: OcdsService,
    private readonly auth: AuthService,
  ) {}

  @Get('tenders/:id/ocds')
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOperation({
    summary: "A tender's OCDS 1.1.5 release package (public once published)",
    description:
      'The releases as they happened from the publication on: planning (partners’ shares per ' +
      'buyer in planning.budget.budgetBreakdown) and tender at publication, tenderUpdate at the ' +
      'opening of offers, award per lot, contract per recorded contract, implementation per ' +
      'invoice, contractTermination at settlement, tenderCancellation. Before publication only ' +
      "the tender's participants (bearer token) get a planning preview; everyone else 404.",
  })
  @ApiOkResponse({ description: 'Release package', schema: { example: EXAMPLE_RELEASE_PACKAGE } })
  @ApiNotFoundResponse({ description: 'Unknown tender, or not published and not yours to see' })
  async tenderPackage(
    @Param('id', UuidParam) id: string,
    @Req() req: AuthenticatedRequest,
  ): Promise<ReleasePackage> {
    return this.ocds.tenderPackage(id, await this.optionalActor(req));
  }

  @Get('ocds/records/:ocid')
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOperation({
    summary: "A published tender's OCDS record package (releases and the compiled release)",
  })
  @ApiParam({ name: 'ocid', example: 'ocds-148610-2a1c6b1e-4f7a-4b8e-9d3c-5e2f1a0b7c9d' })
  @ApiOkResponse({
    description: 'Record package',
    schema: {
      example: {
        ...EXAMPLE_RELEASE_PACKAGE,
        releases: undefined,
        records: [
          {
            ocid: EXAMPLE_RELEASE_PACKAGE.releases[0].ocid,
            releases: EXAMPLE_RELEASE_PACKAGE.releases,
            compiledRelease: { ...EXAMPLE_RELEASE_PACKAGE.releases[0], tag: ['compiled'] },
          },
        ],
      },
    },
  })
  @ApiNotFoundResponse({ description: 'No published tender has this ocid' })
  recordPackage(@Param('ocid') ocid: string): Promise<RecordPackage> {
    if (!/^ocds-[a-z0-9]{6}-[A-Za-z0-9-]{1,100}$/.test(ocid))
      throw fieldError(
        'ocid',
        'ocid',
        'ocid must look like ocds-148610-… (a registered prefix and an id)',
      );
    return this.ocds.recordPackage(ocid);
  }

  @Get('ocds/releases')
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOperation({
    summary: 'Feed for harvesters: releases of every published tender, oldest first, paged',
    description:
      'Stable order (the order their events were recorded). Follow `links.next` until it is ' +
      'absent; keep its cursor to continue later. Nothing of a tender before its publication ' +
      "appears here, nor any partner's internal approvals.",
  })
  @ApiQuery({ name: 'since', required: false, example: '2027-01-01T00:00:00Z' })
  @ApiQuery({
    name: 'cursor',
    required: false,
    description: 'From links.next of the previous page',
  })
  @ApiQuery({ name: 'limit', required: false, example: FEED_PAGE_MAX })
  @ApiOkResponse({
    description: 'Release package with links.next',
    schema: { example: EXAMPLE_RELEASE_PACKAGE },
  })
  @ApiBadRequestResponse({ description: '`since` is not a date-time, or `cursor` is malformed' })
  feed(
    @Query('since') since?: string,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
  ): Promise<ReleasePackage> {
    if (limit !== undefined && !/^\d{1,3}$/.test(limit))
      throw fieldError('limit', 'isInt', `limit must be a whole number from 1 to ${FEED_PAGE_MAX}`);
    return this.ocds.feed({
      since,
      cursor,
      limit: limit === undefined ? undefined : Number(limit),
    });
  }

  /** A bearer token is optional here: with one, participants may preview unpublished tenders. */
  private async optionalActor(req: AuthenticatedRequest): Promise<Actor | null> {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    return match ? this.auth.actorFromToken(match[1], String(req.id), req.ip) : null;
  }
}
