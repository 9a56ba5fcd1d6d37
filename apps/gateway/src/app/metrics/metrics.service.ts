import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of this process: Node defaults plus HTTP requests by method, route and status. */
@Injectable()
export class MetricsService {
  /** A registry per app instance (not prom-client's global one), so tests can boot several gateways. */
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'proxdeck_http_requests_total',
    help: 'HTTP requests answered by the gateway',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'proxdeck_http_request_duration_seconds',
    help: 'Time to answer HTTP requests (until the response is finished; SSE streams are excluded)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'proxdeck_gateway_' });
  }

  /** Express middleware; the route label is the matched route pattern, never the raw URL (bounded cardinality). */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = routeLabel(req);
      const labels = { method: req.method, route, status: String(res.statusCode) };
      this.requests.inc(labels);
      if (route !== '/api/v1/events') this.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

export function routeLabel(req: Pick<Request, 'route' | 'baseUrl' | 'originalUrl'>): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl ?? ''}${pattern}`;
  if (req.originalUrl.startsWith('/apps/')) return 'app-proxy';
  if (req.originalUrl.startsWith('/api/')) return 'unmatched';
  return 'static';
}
