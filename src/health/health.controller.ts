import { Controller, Get } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '../auth';
import { OperationsHealthIndicator } from './operations.health';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly operations: OperationsHealthIndicator,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: PostgreSQL and Redis answer; also the outbox backlog and the worker',
    description:
      '200 when PostgreSQL and Redis answer. `info.outbox` gives the backlog (rows waiting, ' +
      'stuck, age of the oldest); `info.worker` whether a worker wrote its heartbeat recently. ' +
      'Without a worker the API stays ready but `status` is `degraded`.',
  })
  @ApiOkResponse({
    schema: {
      example: {
        status: 'ok',
        info: {
          postgres: { status: 'up' },
          redis: { status: 'up' },
          outbox: { status: 'up', backlog: 0, stuck: 0, oldestAgeSeconds: 0 },
          worker: { status: 'up', seen: true, lastSeenSecondsAgo: 1.2 },
        },
      },
    },
  })
  @ApiServiceUnavailableResponse({
    description: 'PostgreSQL or Redis does not answer; details name which',
  })
  async ready(): Promise<Omit<HealthCheckResult, 'status'> & { status: string }> {
    const result = await this.health.check([
      () => this.db.pingCheck('postgres', { timeout: 1500 }),
      () => this.redis.isHealthy('redis'),
      () => this.operations.outbox('outbox'),
      () => this.operations.worker('worker'),
    ]);
    const workerSeen = (result.info?.worker as { seen?: boolean } | undefined)?.seen === true;
    return { ...result, status: workerSeen ? result.status : 'degraded' };
  }
}
