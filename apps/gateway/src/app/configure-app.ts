import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { ProxdeckConfig } from '@proxdeck/server-config';
import { resolveDashboardDir } from './dashboard/dashboard-dir';
import { dashboardMiddleware } from './dashboard/dashboard.middleware';
import { applyHttpTimeouts } from './http-timeouts';
import { MetricsService } from './metrics/metrics.service';
import { withProblemResponses } from './openapi';
import { AppProxyService } from './proxy/app-proxy.service';

export const API_PREFIX = 'api/v1';

/** Probes and metrics answer at the root too, as orchestrators and Prometheus expect. */
const ROOT_ALIASES = /^\/(healthz|readyz|metrics)(\?.*)?$/;

/**
 * Everything around Nest's routes, in order: root aliases, cookies, metrics, the app proxy (before
 * the body parsers, so request bodies stream through), the dashboard, OpenAPI. main.ts and the
 * integration tests both call this, so tests exercise the real stack.
 */
export function configureApp(app: NestExpressApplication, config: ProxdeckConfig): void {
  app.disable('x-powered-by');
  app.setGlobalPrefix(API_PREFIX);
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (ROOT_ALIASES.test(req.url)) req.url = `/${API_PREFIX}${req.url}`;
    next();
  });
  app.use(cookieParser());
  app.use(app.get(MetricsService).middleware);
  const proxy = app.get(AppProxyService);
  app.use(proxy.middleware);
  (app.getHttpServer() as Server).on('upgrade', proxy.upgrade);
  applyHttpTimeouts(app.getHttpServer() as Server);
  // Our own pages and API only (after the proxy, so apps keep their own headers).
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    next();
  });
  for (const handler of dashboardMiddleware(resolveDashboardDir(config.dashboardDir))) app.use(handler);

  const document = withProblemResponses(SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Proxdeck API')
      .setDescription('Cloud-like apps on Proxmox VE. Errors are RFC 9457 application/problem+json with a stable `code`.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  ));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
