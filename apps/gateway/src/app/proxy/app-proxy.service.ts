import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { NextFunction, Request, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Repository } from 'typeorm';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import { AppEntity } from '@proxdeck/server-database';
import { HOSTNAME_PATTERN } from '@proxdeck/server-domain';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '../auth/auth-cookies';
import { PrincipalResolver } from '../auth/principal-resolver.service';
import { problem } from '../problem/problem-details';
import { sendProblem } from '../problem/problem.filter';
import { matchAppProxyRoute } from './app-proxy-route';

type ProxiedRequest = Request & { proxdeckTarget?: string };

/**
 * The app proxy: `/apps/<hostname>/*` (and `<hostname>.<PROXDECK_APPS_DOMAIN>`) to the app's own
 * address. Only a logged-in caller gets through, and only to an address read from a managed app's
 * row: the URL never chooses the target. Our own cookies and tokens are not passed on to the app.
 */
@Injectable()
export class AppProxyService {
  private readonly logger = new Logger('AppProxy');
  private readonly proxy = createProxyMiddleware<ProxiedRequest, Response>({
    router: (req) => req.proxdeckTarget,
    changeOrigin: false,
    xfwd: true,
    proxyTimeout: 120_000,
    on: {
      error: (err, _req, res) => {
        this.logger.warn(`app did not answer: ${err.message}`);
        if (isHttpResponse(res)) sendProblem(res as Response, problem(502, 'APP_UNREACHABLE', 'The app did not answer. It may be starting or unhealthy; try again shortly.'));
        else res.destroy();
      },
    },
  });

  constructor(
    @Inject(PROXDECK_CONFIG) private readonly config: ProxdeckConfig,
    @InjectRepository(AppEntity) private readonly apps: Repository<AppEntity>,
    private readonly principals: PrincipalResolver,
  ) {}

  /** Express middleware, mounted before Nest's routes and body parsers (the body must stream through untouched). */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const route = matchAppProxyRoute(req.url, req.headers.host, this.config.appsDomain);
    if (!route) return next();
    this.forward(req as ProxiedRequest, res, next, route).catch(next);
  };

  private async forward(req: ProxiedRequest, res: Response, next: NextFunction, route: NonNullable<ReturnType<typeof matchAppProxyRoute>>): Promise<void> {
    const auth = await this.principals.authenticate(req, { allowCookie: true });
    if ('failure' in auth) return sendProblem(res, problem(401, 'UNAUTHENTICATED', `${auth.failure} Apps are served to logged-in users only.`));
    if (!HOSTNAME_PATTERN.test(route.hostname)) return sendProblem(res, problem(404, 'APP_NOT_FOUND', 'No app has this hostname.'));
    const app = await this.apps.findOneBy({ hostname: route.hostname });
    if (!app) return sendProblem(res, problem(404, 'APP_NOT_FOUND', `No app is named "${route.hostname}".`));
    if (app.status !== 'running' || !app.ip || !app.httpPort) {
      return sendProblem(res, problem(503, 'APP_STATE_CONFLICT', `The app "${app.hostname}" is ${app.status}, not running; start it first.`));
    }
    if (route.needsSlash && (req.method === 'GET' || req.method === 'HEAD')) {
      res.redirect(308, `${req.originalUrl.split('?')[0]}/`);
      return;
    }
    req.url = route.path;
    req.proxdeckTarget = `http://${app.ip.includes(':') ? `[${app.ip}]` : app.ip}:${app.httpPort}`;
    stripOwnCredentials(req, auth.principal.via);
    await this.proxy(req, res, next);
  }
}

/** The app must never see our session: drop our cookies, and the Authorization header when it carried our token. */
function stripOwnCredentials(req: Request, via: 'bearer' | 'cookie'): void {
  if (via === 'bearer') delete req.headers.authorization;
  const cookie = req.headers.cookie;
  if (cookie) {
    const kept = cookie
      .split(';')
      .map((c) => c.trim())
      .filter((c) => c && !c.startsWith(`${ACCESS_COOKIE}=`) && !c.startsWith(`${REFRESH_COOKIE}=`));
    if (kept.length) req.headers.cookie = kept.join('; ');
    else delete req.headers.cookie;
  }
}

function isHttpResponse(res: ServerResponse | Socket): res is ServerResponse {
  return typeof (res as ServerResponse).setHeader === 'function';
}
