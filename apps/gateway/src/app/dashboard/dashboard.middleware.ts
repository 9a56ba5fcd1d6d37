import { Logger } from '@nestjs/common';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isServerPath } from './dashboard-dir';

const MISSING_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Proxdeck</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>Proxdeck</h1><p>The API is running, but the dashboard has not been built.</p>
<p>Build it with <code>npx nx run dashboard:build</code>, or point <code>PROXDECK_DASHBOARD_DIR</code> at a build.
The API is at <a href="/api/docs">/api/docs</a>.</p></body></html>`;

/**
 * Serves the dashboard build at `/` with an SPA fallback: a GET that wants HTML and is not an API,
 * app-proxy or probe path gets index.html, so deep links work.
 */
export function dashboardMiddleware(dir: string | null): RequestHandler[] {
  const logger = new Logger('Dashboard');
  const index = dir ? join(dir, 'index.html') : null;
  const wantsPage = (req: Request): boolean =>
    (req.method === 'GET' || req.method === 'HEAD') && !isServerPath(req.path) && Boolean(req.accepts('html'));
  if (!dir || !index || !existsSync(index)) {
    logger.warn(`No dashboard build at ${dir ?? '(unknown)'}; serving a placeholder page. Build it with: npx nx run dashboard:build`);
    return [
      (req: Request, res: Response, next: NextFunction) => {
        if (!wantsPage(req)) return next();
        res.status(200).type('html').send(MISSING_PAGE);
      },
    ];
  }
  logger.log(`Serving the dashboard from ${dir}`);
  const files = express.static(dir, { index: false, fallthrough: true, maxAge: '1h' });
  return [
    (req: Request, res: Response, next: NextFunction) => (isServerPath(req.path) ? next() : files(req, res, next)),
    (req: Request, res: Response, next: NextFunction) => {
      if (!wantsPage(req)) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    },
  ];
}
