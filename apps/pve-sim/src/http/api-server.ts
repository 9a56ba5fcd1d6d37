import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from '../auth/authenticate';
import { ApiError, paramError } from '../params/api-error';
import { validateParams, type ParamSchema, type PropSchema, type RawParams } from '../params/param-schema';
import type { SimContext } from '../sim-context';
import { ROUTE_PERMISSIONS } from '../access/route-permissions';
import { permissionMessage } from '../access/permission-check';
import { mergeParams, parseFormParams, parseJsonParams } from './request-params';
import { sendBare, sendJson } from './response';
import { ApiResult, type Router } from './router';
import { ANSWERED_LOCALLY } from '../routes/route-helpers';

const MAX_BODY = 512 * 1024;

/** Paths that need no authentication (`PVE/HTTPServer.pm`). */
const NO_AUTH = new Set(['GET /access/ticket', 'POST /access/ticket', 'GET /access/domains']);

/** Routes PVE 9.x added: an emulated 8.4 does not know them (501 like any unknown route). */
const NEW_IN_PVE9 = new Set([
  'POST /nodes/{node}/storage/{storage}/oci-registry-pull',
  'GET /nodes/{node}/query-oci-repo-tags',
  'GET /nodes/{node}/lxc/{vmid}/migrate',
]);

/** Default schemas for path parameters a route does not describe itself. */
const PATH_PARAM_SCHEMAS: Record<string, PropSchema> = {
  node: { type: 'string', format: 'pve-node' },
  vmid: { type: 'integer', format: 'pve-vmid', minimum: 100, maximum: 999999999 },
  storage: { type: 'string', format: 'pve-storage-id' },
  volume: { type: 'string' },
  upid: { type: 'string' },
};

export type AdminHandler = (req: IncomingMessage, res: ServerResponse, body: string) => Promise<void>;

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The request listener for `/api2/json/...` plus the `/_sim/...` admin API. */
export function createRequestListener(sim: SimContext, router: Router, admin: AdminHandler) {
  const send401 = async (res: ServerResponse, text: string): Promise<void> => {
    // "always delay unauthorized calls by 3 seconds" (configurable here).
    if (sim.options.authDelayMs > 0) await delay(sim.options.authDelayMs);
    sendBare(res, 401, text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const body = await readBody(req);
    if (url.pathname.startsWith('/_sim/') || url.pathname === '/_sim') {
      await admin(req, res, body === 'too-large' ? '' : body.toString('utf8'));
      return;
    }
    let path: string;
    try {
      // The path is uri_unescape'd before routing, so `%2F` in a volid becomes `/`.
      path = decodeURIComponent(url.pathname);
    } catch {
      path = url.pathname;
    }
    const m = /^\/api2\/json(\/.*)?$/.exec(path);
    if (!m) {
      sendBare(res, 501, 'no such uri', 'no such uri');
      return;
    }
    const rel = m[1] && m[1] !== '/' ? m[1].replace(/\/+$/, '') : '/';
    if (body === 'too-large') {
      sendBare(res, 501, 'for data too large', 'for data too large');
      return;
    }
    if (body.length > 0 && method !== 'POST' && method !== 'PUT') {
      sendBare(res, 501, `Unexpected content for method '${method}'`, `Unexpected content for method '${method}'`);
      return;
    }

    const noAuth = NO_AUTH.has(`${method} ${rel}`);
    const outcome = noAuth
      ? ({ ok: true, auth: { user: '', fullUser: '', viaToken: false } } as const)
      : authenticate(req.headers, method, { tickets: sim.tickets, verifyToken: (id, secret) => sim.access.verifyToken(id, secret, sim.nowSeconds()), invalidTicketText: sim.options.invalidTicketText, userProblem: (user) => sim.access.userProblem(user, sim.nowSeconds()) });
    if (!outcome.ok) {
      await send401(res, outcome.statusText);
      return;
    }

    try {
      const match = router.match(method, rel);
      const known = 'route' in match && !(sim.options.pveVersion.release.startsWith('8.') && NEW_IN_PVE9.has(`${match.route.method} ${match.route.path}`));
      if (!known || !('route' in match)) throw new ApiError(501, `Method '${method} ${rel}' not implemented`);
      const { route, pathParams } = match;
      if (route.allowToken === false && outcome.auth.viaToken) {
        throw new ApiError(403, `Permission check failed (URI '${rel}' not available with API token, need proper ticket.\n)`);
      }
      const raw = extractParams(req, method, body.toString('utf8'), url);
      // Permission checks come before the proxy to the node and before parameter validation.
      const permCheck = ROUTE_PERMISSIONS[`${route.method} ${route.path}`];
      const denied = permCheck?.({ authUser: outcome.auth.fullUser, userid: outcome.auth.user, params: { ...raw, ...pathParams }, access: sim.access });
      if (denied !== undefined) throw new ApiError(403, permissionMessage(denied));
      const injected = sim.faults.takeRequestFaults(method, rel);
      if (injected.latencyMs > 0) await delay(injected.latencyMs);
      if (injected.error) throw new ApiError(injected.error.status, injected.error.message);
      const nodeName = pathParams['node'];
      if (nodeName !== undefined && !ANSWERED_LOCALLY.has(`${route.method} ${route.path}`)) {
        const node = sim.state.node(nodeName);
        if (!node) throw new ApiError(500, `hostname lookup '${nodeName}' failed - failed to get address info for: ${nodeName}: Name or service not known`);
        // pveproxy cannot reach the node it must proxy to.
        if (node.status === 'offline') {
          sendBare(res, 595, 'No route to host');
          return;
        }
      }
      const conflicts: Record<string, string> = {};
      for (const [k, v] of Object.entries(pathParams)) {
        if (raw[k] !== undefined && raw[k] !== v) conflicts[k] = 'duplicate parameter (already defined in URI) with conflicting values!';
        raw[k] = v;
      }
      if (Object.keys(conflicts).length > 0) throw paramError(conflicts);
      const schema: Record<string, PropSchema> = { ...(route.schema as ParamSchema | undefined) };
      for (const k of Object.keys(pathParams)) schema[k] ??= PATH_PARAM_SCHEMAS[k] ?? { type: 'string' };
      const params = validateParams(schema, raw);
      const result = await route.handler({ params, auth: outcome.auth, sim });
      if (result instanceof ApiResult) {
        sendJson(req, res, 200, 'OK', result.total ? { data: result.data, total: result.total } : { data: result.data });
      } else {
        sendJson(req, res, 200, 'OK', { data: result ?? null });
      }
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError(500, err instanceof Error ? err.message : String(err));
      if (!(err instanceof ApiError)) sim.options.log(`internal error on ${method} ${rel}: ${err instanceof Error ? err.stack : String(err)}`);
      const envelope: Record<string, unknown> = { data: null };
      if (apiErr.errors) envelope['errors'] = apiErr.errors;
      envelope['message'] = apiErr.message;
      sendJson(req, res, apiErr.code, apiErr.statusText, envelope);
    }
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((err: unknown) => {
      sim.options.log(`request failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) sendBare(res, 500, 'internal simulator error');
      else res.destroy();
    });
  };
}

/** AnyEvent.pm `extract_params`: body (form or JSON) for POST/PUT, then the query overrides. */
function extractParams(req: IncomingMessage, method: string, body: string, url: URL): RawParams {
  let fromBody: RawParams = {};
  if ((method === 'POST' || method === 'PUT') && body !== '') {
    const ct = String(req.headers['content-type'] ?? '');
    if (/^application\/json/i.test(ct)) {
      try {
        fromBody = parseJsonParams(body);
      } catch {
        throw new ApiError(400, 'Parameter verification failed.', { _root: 'malformed JSON body' });
      }
    } else fromBody = parseFormParams(body);
  }
  return mergeParams(fromBody, parseFormParams(url.search.slice(1)));
}
