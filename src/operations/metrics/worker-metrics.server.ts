import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import { AppConfig } from '../../config';
import { renderMetrics } from '../../common/metrics';
import { metricsAccess } from '../../common/metrics';

/**
 * The worker has no HTTP server of its own: this small listener serves `GET /metrics` (same
 * bearer token as the API) on WORKER_METRICS_PORT, so Prometheus scrapes the worker directly.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private server?: Server;

  constructor(private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.metricsToken || this.config.workerMetricsPort === 0) return;
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: GET /metrics\n');
        return;
      }
      if (metricsAccess(this.config.metricsToken, req.headers.authorization) !== 'ok') {
        res
          .writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' })
          .end('Send Authorization: Bearer <METRICS_TOKEN>\n');
        return;
      }
      renderMetrics().then(
        ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
        (err: unknown) => {
          this.logger.warn(`Metrics failed: ${(err as Error).message}`);
          res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n');
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.workerMetricsPort, this.config.host, () => resolve());
    }).catch((err: unknown) => {
      // A taken port must not stop the worker's real work: say so and carry on without metrics.
      this.logger.error(
        `Worker metrics not served: port ${this.config.workerMetricsPort} (${(err as Error).message})`,
      );
    });
    if (server.listening) {
      this.server = server;
      this.logger.log(
        `Worker metrics on http://${this.config.host}:${this.config.workerMetricsPort}/metrics`,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
