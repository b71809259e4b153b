import { Controller, Get, Headers, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../auth';
import { notFound, unauthorized } from '../../common/errors';
import { AppConfig } from '../../config';
import { renderMetrics } from '../../common/metrics';
import { metricsAccess } from '../../common/metrics';

@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics of the API process (Bearer METRICS_TOKEN)',
    description:
      'Text exposition format. The token is METRICS_TOKEN from the configuration (not a user ' +
      'login); without one configured the endpoint answers 404. The worker serves the same ' +
      'format on its own port (WORKER_METRICS_PORT).',
  })
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text format',
    schema: {
      type: 'string',
      example:
        '# HELP wspolnie_outbox_backlog Outbox rows not yet moved to BullMQ\n' +
        '# TYPE wspolnie_outbox_backlog gauge\nwspolnie_outbox_backlog{process="api"} 0\n',
    },
  })
  @ApiUnauthorizedResponse({ description: 'METRICS_INVALID_TOKEN: missing or wrong bearer token' })
  @ApiNotFoundResponse({ description: 'Metrics are off (METRICS_TOKEN is not set)' })
  async metrics(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const access = metricsAccess(this.config.metricsToken, authorization);
    if (access === 'disabled') throw notFound('Route', 'metrics');
    if (access === 'unauthorized')
      throw unauthorized('METRICS_INVALID_TOKEN', 'Send Authorization: Bearer <METRICS_TOKEN>');
    const { contentType, body } = await renderMetrics();
    void reply.header('content-type', contentType);
    return body;
  }
}
