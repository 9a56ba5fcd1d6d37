import { createServer, get, type IncomingMessage, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import request from 'supertest';
import { AppEntity, OperationEntity } from '@proxdeck/server-database';
import { createRedisConnection, EventPublisher, OperationQueue } from '@proxdeck/server-queue';
import { type RunningSim, startPveSim, waitFor } from '@proxdeck/server-testing';
import type { LoginResponse } from '@proxdeck/shared-contracts';
import { bearer, cookiesOf, type GatewayHarness, startGateway } from '../test/gateway-harness';
import { EventStreamService } from './events/event-stream.service';

/** Where the stand-in apps listen: a loopback address of their own, as simulated containers have (127.0.0.1 is the gateway's host). */
const APP_IP = '127.90.0.1';

function listen(server: Server, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * A WebSocket upgrade through the gateway: the status, and on a 101 what the echo app saw and sent
 * back for a `ping`.
 */
function upgradeVia(server: Server, path: string, cookie?: string): Promise<{ status: number; seenUrl?: string; echoed?: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { Connection: 'Upgrade', Upgrade: 'websocket', ...(cookie && { Cookie: cookie }) } });
    req.on('upgrade', (res, socket) => {
      socket.once('data', (d: Buffer) => {
        resolve({ status: res.statusCode ?? 0, seenUrl: res.headers['x-seen-url'] as string, echoed: d.toString() });
        socket.destroy();
      });
      socket.write('ping');
    });
    req.on('response', (res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
    });
    req.on('error', reject);
    req.end();
  });
}

/** A stand-in for an app's web server: echoes what reached it (HTTP and upgraded sockets). */
function echoServer(): Server {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.endsWith('?cookies')) res.setHeader('set-cookie', ['pd_access=forged; Path=/', 'session=s1; Path=/; Domain=.apps.test; HttpOnly', 'pref=1; Path=/settings']);
      res.end(JSON.stringify({ method: req.method, url: req.url, cookie: req.headers.cookie ?? null, authorization: req.headers.authorization ?? null, body }));
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Seen-Url: ${req.url}\r\n\r\n`);
    socket.pipe(socket);
  });
  return server;
}

describe('platform: probes, events, app proxy (integration)', () => {
  let sim: RunningSim;
  let gw: GatewayHarness;
  let viewer: LoginResponse;
  let echo: Server;
  let echoPort: number;

  beforeAll(async () => {
    sim = await startPveSim({ nodes: 1 });
    gw = await startGateway({ sim, env: { PROXDECK_APPS_DOMAIN: 'apps.test' } });
    await listen(gw.http);
    viewer = await gw.loginAs('viewer');
    echo = echoServer();
    echoPort = await listen(echo, APP_IP);
  });

  afterAll(async () => {
    await gw?.close();
    await sim?.stop();
    if (echo) await closeServer(echo);
  });

  it('keeps an idle keep-alive connection open past Node\'s 5 s default, so a client reusing it is not reset', async () => {
    const { port } = gw.http.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    let answers = '';
    let closedAfterMs: number | null = null;
    const opened = Date.now();
    socket.on('data', (c: Buffer) => (answers += c.toString()));
    socket.on('close', () => (closedAfterMs = Date.now() - opened));
    const ask = () => socket.write('GET /healthz HTTP/1.1\r\nHost: gw\r\nConnection: keep-alive\r\n\r\n');
    try {
      ask();
      await waitFor(async () => (answers.includes('{"status":"ok"}') ? true : undefined), 'the first answer', 5000);
      // Node's default keepAliveTimeout (5 s) would have closed it by now: the reset a proxy meets.
      await new Promise((r) => setTimeout(r, 6000));
      expect(closedAfterMs).toBeNull();
      ask();
      await waitFor(async () => (answers.split('{"status":"ok"}').length === 3 ? true : undefined), 'the second answer on the same connection', 5000);
    } finally {
      socket.destroy();
    }
    expect(gw.http.keepAliveTimeout).toBeGreaterThan(90_000);
    expect(gw.http.headersTimeout).toBeGreaterThan(gw.http.keepAliveTimeout);
  }, 20_000);

  it('answers the probes at the root and under /api/v1; readyz is 200 when everything is reachable', async () => {
    await request(gw.http).get('/healthz').expect(200, { status: 'ok' });
    await request(gw.http).get('/api/v1/healthz').expect(200, { status: 'ok' });
    const ready = await request(gw.http).get('/readyz').expect(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { postgres: { ok: true }, redis: { ok: true }, proxmox: { ok: true } } });
    await request(gw.http).get('/api/v1/readyz').expect(200);
  });

  it('exposes Prometheus metrics and the OpenAPI document', async () => {
    const metrics = await request(gw.http).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.text).toContain('proxdeck_http_requests_total{method="GET",route="/api/v1/healthz",status="200"}');
    expect(metrics.text).toContain('proxdeck_gateway_process_cpu_seconds_total');
    const docs = await request(gw.http).get('/api/docs-json').expect(200);
    expect(docs.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(docs.body.components.schemas.ProblemDetails).toBeDefined();
    expect(Object.keys(docs.body.paths as object)).toEqual(expect.arrayContaining(['/api/v1/apps', '/api/v1/auth/login', '/api/v1/events']));
  });

  it('answers the dashboard placeholder for pages and keeps unknown API paths as problems', async () => {
    const page = await request(gw.http).get('/apps-overview').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('dashboard has not been built');
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const api = await request(gw.http).get('/api/v1/nothing-here').set('Accept', 'text/html').expect(404);
    expect(api.body).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('streams events over SSE: retry first, then what is published on Redis and what a deploy changes', async () => {
    const { port } = gw.http.address() as AddressInfo;
    let received = '';
    let response: IncomingMessage | undefined;
    const req = get({ host: '127.0.0.1', port, path: '/api/v1/events', headers: { Cookie: `pd_access=${viewer.accessToken}`, Accept: 'text/event-stream' } }, (res) => {
      response = res;
      res.on('data', (c: Buffer) => (received += c.toString()));
    });
    req.on('error', () => undefined);
    try {
      await waitFor(async () => (received.includes('retry: 2000') ? true : undefined), 'the SSE preamble', 5000);
      expect(response?.statusCode).toBe(200);
      expect(response?.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(received.startsWith('retry: 2000\n\n')).toBe(true);
      expect(gw.app.get(EventStreamService).clients).toBe(1);

      const connection = createRedisConnection(gw.redisUrl);
      try {
        await new EventPublisher(connection, gw.redisPrefix).publish({ type: 'app.deleted', appId: 'a-1' });
      } finally {
        await connection.quit();
      }
      await waitFor(async () => (received.includes('event: app.deleted') ? true : undefined), 'the published event', 5000);
      expect(received).toContain('event: app.deleted\ndata: {"type":"app.deleted","appId":"a-1"}\n\n');

      const operator = await gw.loginAs('operator');
      await request(gw.http).post('/api/v1/apps').set(bearer(operator)).send({ catalogId: 'nginx', hostname: 'sse-web' }).expect(202);
      await waitFor(async () => (received.includes('event: app.updated') && received.includes('event: operation.updated') ? true : undefined), 'deploy events', 5000);
      expect(received).toMatch(/event: app\.updated\ndata: \{"type":"app\.updated","app":\{[^\n]*"hostname":"sse-web"/);
    } finally {
      req.destroy();
    }
    await waitFor(async () => (gw.app.get(EventStreamService).clients === 0 ? true : undefined), 'the stream to be cleaned up', 5000);
  });

  it('refuses the app proxy without a session, and unknown or stopped apps', async () => {
    const anon = await request(gw.http).get('/apps/echo/').expect(401);
    expect(anon.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anon.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    const unknown = await request(gw.http).get('/apps/no-such-app/').set('Cookie', `pd_access=${viewer.accessToken}`).expect(404);
    expect(unknown.body).toMatchObject({ code: 'APP_NOT_FOUND' });
    await request(gw.http).get('/').set('Host', 'no-such-app.apps.test').set('Cookie', `pd_access=${viewer.accessToken}`).expect(404);

    await gw.ds.getRepository(AppEntity).save(gw.ds.getRepository(AppEntity).create(appRow('sleepy', 'stopped', echoPort)));
    const stopped = await request(gw.http).get('/apps/sleepy/').set('Cookie', `pd_access=${viewer.accessToken}`).expect(503);
    expect(stopped.body).toMatchObject({ code: 'APP_STATE_CONFLICT' });
  });

  it('proxies a running app by path and by host, stripping the prefix and our credentials', async () => {
    await gw.ds.getRepository(AppEntity).save(gw.ds.getRepository(AppEntity).create(appRow('echo', 'running', echoPort)));
    const cookie = `theme=dark; pd_access=${viewer.accessToken}`;

    const byPath = await request(gw.http).get('/apps/echo/some/page?x=1').set('Cookie', cookie).expect(200);
    expect(byPath.body).toEqual({ method: 'GET', url: '/some/page?x=1', cookie: 'theme=dark', authorization: null, body: '' });
    expect(byPath.headers['x-frame-options']).toBeUndefined();

    const posted = await request(gw.http).post('/apps/echo/api/items').set(bearer(viewer)).send({ name: 'thing' }).expect(200);
    expect(posted.body).toMatchObject({ method: 'POST', url: '/api/items', authorization: null, body: '{"name":"thing"}' });

    const byHost = await request(gw.http).get('/login?next=%2F').set('Host', 'echo.apps.test').set('Cookie', cookie).expect(200);
    expect(byHost.body).toMatchObject({ url: '/login?next=%2F', cookie: 'theme=dark' });

    const bare = await request(gw.http).get('/apps/echo').set('Cookie', cookie).expect(308);
    expect(bare.headers['location']).toBe('/apps/echo/');
  });

  it('proxies WebSocket upgrades to a running app, after the same checks', async () => {
    const upgrade = (path: string, cookie?: string) => upgradeVia(gw.http, path, cookie);
    expect((await upgrade('/apps/echo/socket')).status).toBe(401);
    expect((await upgrade('/apps/nobody/socket', `pd_access=${viewer.accessToken}`)).status).toBe(404);
    expect(await upgrade('/apps/echo/socket?room=1', `pd_access=${viewer.accessToken}`)).toEqual({ status: 101, seenUrl: '/socket?room=1', echoed: 'ping' });
  });

  it('answers a malformed app path, as a WebSocket upgrade or a request, and keeps serving (it once ended the process)', async () => {
    const upgradeStatus = async (path: string, cookie?: string) => (await upgradeVia(gw.http, path, cookie)).status;
    expect(await upgradeStatus('/apps/%ZZ/')).toBe(401);
    expect(await upgradeStatus('/apps/%ZZ/', `pd_access=${viewer.accessToken}`)).toBe(404);
    await request(gw.http).get('/apps/%ZZ').set(bearer(viewer)).expect(404);
    await request(gw.http).get('/healthz').expect(200);
  });

  it('shares the access cookie with app hosts only when logged in from the apps domain', async () => {
    const user = await gw.loginAs('viewer', 'domain-user');
    expect(user.user.username).toBe('domain-user');
    const creds = { username: 'domain-user', password: 'domain-user-password' };
    const onDomain = await request(gw.http).post('/api/v1/auth/login').set('Host', 'apps.test:3000').send(creds).expect(200);
    expect(cookiesOf(onDomain).get('pd_access')).toMatch(/Domain=apps\.test/);
    expect(cookiesOf(onDomain).get('pd_refresh')).not.toMatch(/Domain=/);
    const elsewhere = await request(gw.http).post('/api/v1/auth/login').set('Host', '10.0.0.5:3000').send(creds).expect(200);
    expect(cookiesOf(elsewhere).get('pd_access')).not.toMatch(/Domain=/);
  });

  it('lets an app set its own cookies only: never the console\'s names, its paths below its prefix, no Domain', async () => {
    const byPath = await request(gw.http).get('/apps/echo/login?cookies').set(bearer(viewer)).expect(200);
    expect(byPath.headers['set-cookie']).toEqual(['session=s1; Path=/apps/echo/; HttpOnly', 'pref=1; Path=/apps/echo/settings']);
    const byHost = await request(gw.http).get('/login?cookies').set('Host', 'echo.apps.test').set(bearer(viewer)).expect(200);
    expect(byHost.headers['set-cookie']).toEqual(['session=s1; Path=/; HttpOnly', 'pref=1; Path=/settings']);
  });

  it('never forwards to the gateway\'s own host or a link-local address, whatever a container reports', async () => {
    const repo = gw.ds.getRepository(AppEntity);
    await repo.save([repo.create(appRow('claims-host', 'running', echoPort, '127.0.0.1')), repo.create(appRow('claims-metadata', 'running', 80, '169.254.169.254'))]);
    const host = await request(gw.http).get('/apps/claims-host/').set(bearer(viewer)).expect(502);
    expect(host.body).toMatchObject({ code: 'APP_ADDRESS_REFUSED', detail: expect.stringContaining("127.0.0.1 is the gateway's own host") });
    const metadata = await request(gw.http).get('/apps/claims-metadata/latest/meta-data').set(bearer(viewer)).expect(502);
    expect(metadata.body).toMatchObject({ code: 'APP_ADDRESS_REFUSED' });
    expect((await upgradeVia(gw.http, '/apps/claims-host/ws', `pd_access=${viewer.accessToken}`)).status).toBe(502);
  });

  it('answers 502 APP_UNREACHABLE when a running app does not answer', async () => {
    const gone = createServer();
    const port = await listen(gone, APP_IP);
    await closeServer(gone);
    await gw.ds.getRepository(AppEntity).save(gw.ds.getRepository(AppEntity).create(appRow('gone', 'running', port)));
    const res = await request(gw.http).get('/apps/gone/').set('Cookie', `pd_access=${viewer.accessToken}`).expect(502);
    expect(res.body).toMatchObject({ code: 'APP_UNREACHABLE' });
  });
});

describe('platform: Proxmox or the queue unavailable (integration)', () => {
  let gw: GatewayHarness;
  let operator: LoginResponse;

  beforeAll(async () => {
    const closed = createServer();
    const port = await listen(closed);
    await closeServer(closed);
    gw = await startGateway({ pveUrl: `http://127.0.0.1:${port}`, pveRequestTimeoutMs: 500 });
    operator = await gw.loginAs('operator');
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('reports 503 on readyz naming Proxmox, while Postgres and Redis are fine', async () => {
    const res = await request(gw.http).get('/readyz').expect(503);
    expect(res.body.status).toBe('unavailable');
    expect(res.body.checks.postgres).toEqual({ ok: true });
    expect(res.body.checks.redis).toEqual({ ok: true });
    expect(res.body.checks.proxmox.ok).toBe(false);
    // Public: which dependency is down, not where it lives.
    expect(res.body.checks.proxmox.error).toBe("Proxmox is unreachable or refused the request; the gateway's log says why");
    expect(JSON.stringify(res.body)).not.toContain('127.0.0.1');
  });

  it('answers 503 PROXMOX_UNREACHABLE for nodes and for a deploy that names a node, creating nothing', async () => {
    const nodes = await request(gw.http).get('/api/v1/nodes').set(bearer(operator)).expect(503);
    expect(nodes.body).toMatchObject({ code: 'PROXMOX_UNREACHABLE' });
    const deploy = await request(gw.http).post('/api/v1/apps').set(bearer(operator)).send({ catalogId: 'nginx', hostname: 'web', node: 'pve1' }).expect(503);
    expect(deploy.body).toMatchObject({ code: 'PROXMOX_UNREACHABLE' });
    expect(await gw.ds.getRepository(AppEntity).count()).toBe(0);
  });

  it('answers 503 QUEUE_UNAVAILABLE when the job cannot be queued, and leaves no app behind', async () => {
    // The queue refuses, as BullMQ does when Redis is gone.
    jest.spyOn(gw.app.get(OperationQueue), 'enqueue').mockRejectedValueOnce(new Error('Connection is closed.'));
    const res = await request(gw.http).post('/api/v1/apps').set(bearer(operator)).send({ catalogId: 'nginx', hostname: 'unqueued' }).expect(503);
    expect(res.body).toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
    expect(await gw.ds.getRepository(AppEntity).countBy({ hostname: 'unqueued' })).toBe(0);
    const op = await gw.ds.getRepository(OperationEntity).findOneByOrFail({ appHostname: 'unqueued' });
    expect(op.state).toBe('failed');
    expect(op.finishedAt).not.toBeNull();
  });
});

function appRow(hostname: string, status: AppEntity['status'], port: number, ip = APP_IP): Partial<AppEntity> {
  return {
    name: hostname,
    catalogId: 'nginx',
    version: '1',
    runtime: 'oci',
    hostname,
    node: null,
    vmid: null,
    ip,
    status,
    statusReason: null,
    cores: 1,
    memoryMb: 128,
    diskGb: 1,
    inputs: {},
    secretsEncrypted: null,
    httpPort: port,
    hasRun: true,
    activeOperationId: null,
  };
}
