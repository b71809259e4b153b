import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AuthService } from '../auth';
import { QueueName } from '../common/jobs';
import { InteropModule } from '../interop';
import { TendersModule } from '../tenders';
import { ArchivesController } from './archives/archives.controller';
import { ArchivesService } from './archives/archives.service';
import { BOARD_ROUTE, guardBoard } from './board/board-guard';
import { instrumentHttp } from './metrics/http-metrics';
import { startProcessMetrics } from '../common/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { SystemCollectors } from './metrics/system-collectors';

/**
 * Operations on the API side: `/metrics`, the HTTP duration histogram, the queue board at
 * /admin/queues (administrators only) and the tender archives (requested here, built by the worker).
 */
@Module({
  imports: [
    BullBoardModule.forRoot({ route: BOARD_ROUTE, adapter: FastifyAdapter }),
    ...Object.values(QueueName).map((name) =>
      BullBoardModule.forFeature({ name, adapter: BullMQAdapter }),
    ),
    TendersModule,
    InteropModule,
  ],
  controllers: [MetricsController, ArchivesController],
  providers: [SystemCollectors, ArchivesService],
})
export class OperationsModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
  ) {}

  onModuleInit(): void {
    startProcessMetrics('api');
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    instrumentHttp(fastify);
    guardBoard(fastify, async (request) => {
      const header = request.headers.authorization;
      const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
      return match ? this.auth.actorFromToken(match[1], String(request.id), request.ip) : null;
    });
  }
}
