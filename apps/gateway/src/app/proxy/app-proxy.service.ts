import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { NextFunction, Request, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Repository } from 'typeorm';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import { AppEntity } from '@proxdeck/server-database';
import type { ProblemDetails } from '@proxdeck/shared-contracts';
import { HOSTNAME_PATTERN } from '@proxdeck/shared-contracts';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '../auth/auth-cookies';
import { PrincipalResolver } from '../auth/principal-resolver.service';
import { problem } from '../problem/problem-details';
import { toProblem } from '../problem/problem-mapping';
import { sendProblem } from '../problem/problem.filter';
import { rewriteAppSetCookie } from './app-cookies';
import { type AppProxyRoute, matchAppProxyRoute } from './app-proxy-route';
import { hostAddresses, proxyTargetRefusal } from './proxy-target';

/** How long the host's own addresses are trusted before they are read again (DHCP may change them). */
const HOST_ADDRESSES_TTL_MS = 30_000;

type ProxiedRequest = Request & { proxdeckTarget?: string; proxdeckRoute?: AppProxyRoute };

/**
 * The app proxy: `/apps/<hostname>/*` (and `<hostname>.<PROXDECK_APPS_DOMAIN>`) to the app's own
 * address. Only a logged-in caller gets through, and only to an address read from a managed app's
 * row: the URL never chooses the target. Our own cookies and tokens are not passed on to the app.
 */
@Injectable()
export class AppProxyService implements BeforeApplicationShutdown {
  /** Proxied WebSockets: ended on shutdown, or the HTTP server would wait for them forever. */
  private readonly sockets = new Set<Socket>();
  private readonly logger = new Logger('AppProxy');
  private ownAddresses = { read: 0, addresses: new Set<string>() };
  private readonly proxy = createProxyMiddleware<ProxiedRequest, Response>({
    router: (req) => req.proxdeckTarget,
    changeOrigin: false,
    xfwd: true,
    ws: false, // upgrades are routed by `upgrade` below, after the same checks
    proxyTimeout: 120_000,
    on: {
      // Before http-proxy copies the headers: the app's cookies as rewriteAppSetCookie allows them.
      proxyRes: (proxyRes, req) => {
        const cookies = proxyRes.headers['set-cookie'];
        if (!cookies) return;
        const prefix = req.proxdeckRoute?.prefix ?? null;
        proxyRes.headers['set-cookie'] = cookies.map((c) => rewriteAppSetCookie(c, prefix)).filter((c): c is string => c !== null);
      },
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
    this.forward(req as ProxiedRequest, res, next, route).catch((err: unknown) => {
      // Outside Nest's filters: answer problem+json here rather than Express's HTML error page.
      const { problem: answer, unexpected } = toProblem(err);
      if (unexpected) this.logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      sendProblem(res, answer);
    });
  };

  beforeApplicationShutdown(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  /** `server.on('upgrade')` handler: WebSockets to an app pass the same checks as HTTP requests. */
  readonly upgrade = (req: IncomingMessage, socket: Socket, head: Buffer): void => {
    // A listener of the server's own event: whatever throws here would end the process. Every
    // failure ends in an answer or a closed socket instead.
    socket.on('error', (err) => this.logger.warn(`WebSocket to an app ended: ${err.message}`));
    try {
      this.routeUpgrade(req, socket, head);
    } catch (err) {
      this.logger.error(`upgrade failed: ${String(err)}`);
      refuseUpgrade(socket, 500, 'Internal Server Error');
    }
  };

  private routeUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const route = matchAppProxyRoute(req.url ?? '/', req.headers.host, this.config.appsDomain);
    if (!route) return refuseUpgrade(socket, 404, 'Not Found');
    const expressReq = req as ProxiedRequest;
    // cookie-parser does not run for upgrades; the resolver reads `req.cookies`.
    expressReq.cookies = parseCookieHeader(req.headers.cookie);
    this.resolveTarget(expressReq, route)
      .then((resolved) => {
        if ('problem' in resolved) return refuseUpgrade(socket, resolved.problem.status, resolved.problem.title);
        req.url = route.path;
        expressReq.proxdeckTarget = resolved.target;
        stripOwnCredentials(expressReq, resolved.via);
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
        this.proxy.upgrade(req, socket, head);
      })
      .catch((err: unknown) => {
        this.logger.error(`upgrade failed: ${String(err)}`);
        refuseUpgrade(socket, 500, 'Internal Server Error');
      });
  }

  /** Where a route goes, or the problem saying why not (the same rules for HTTP and WebSocket). */
  private async resolveTarget(req: Request, route: AppProxyRoute): Promise<{ target: string; via: 'bearer' | 'cookie' } | { problem: ProblemDetails }> {
    const auth = await this.principals.authenticate(req, { allowCookie: true });
    if ('failure' in auth) return { problem: problem(401, 'UNAUTHENTICATED', `${auth.failure} Apps are served to logged-in users only.`) };
    const app = HOSTNAME_PATTERN.test(route.hostname) ? await this.apps.findOneBy({ hostname: route.hostname }) : null;
    if (!app) return { problem: problem(404, 'APP_NOT_FOUND', `No app is named "${route.hostname}".`) };
    if (app.status !== 'running' || !app.ip || !app.httpPort) {
      return { problem: problem(503, 'APP_STATE_CONFLICT', `The app "${app.hostname}" is ${app.status}, not running; start it first.`) };
    }
    const refused = proxyTargetRefusal(app.ip, { appsOnLoopback: this.config.appsOnLoopback, ownAddresses: this.hostAddresses() });
    if (refused) {
      this.logger.warn(`refused to proxy ${app.hostname}: ${refused}`);
      return { problem: problem(502, 'APP_ADDRESS_REFUSED', `The app "${app.hostname}" reports an address Proxdeck does not forward to: ${refused}. Check its container's network settings in Proxmox.`) };
    }
    return { target: `http://${app.ip.includes(':') ? `[${app.ip}]` : app.ip}:${app.httpPort}`, via: auth.principal.via };
  }

  private hostAddresses(): ReadonlySet<string> {
    if (Date.now() - this.ownAddresses.read > HOST_ADDRESSES_TTL_MS) this.ownAddresses = { read: Date.now(), addresses: hostAddresses() };
    return this.ownAddresses.addresses;
  }

  private async forward(req: ProxiedRequest, res: Response, next: NextFunction, route: AppProxyRoute): Promise<void> {
    const resolved = await this.resolveTarget(req, route);
    if ('problem' in resolved) return sendProblem(res, resolved.problem);
    if (route.needsSlash && (req.method === 'GET' || req.method === 'HEAD')) {
      res.redirect(308, `${req.originalUrl.split('?')[0]}/`);
      return;
    }
    req.url = route.path;
    req.proxdeckTarget = resolved.target;
    req.proxdeckRoute = route;
    stripOwnCredentials(req, resolved.via);
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

function refuseUpgrade(socket: Socket, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function parseCookieHeader(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const value = part.slice(eq + 1).trim();
    try {
      out[part.slice(0, eq).trim()] = decodeURIComponent(value);
    } catch {
      out[part.slice(0, eq).trim()] = value;
    }
  }
  return out;
}

function isHttpResponse(res: ServerResponse | Socket): res is ServerResponse {
  return typeof (res as ServerResponse).setHeader === 'function';
}
