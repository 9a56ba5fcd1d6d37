import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { AppEntity, UserEntity, toAppDto } from '@proxdeck/server-database';
import { createRedisConnection, EventPublisher } from '@proxdeck/server-queue';
import { waitFor } from '@proxdeck/server-testing';
import type { LoginResponse } from '@proxdeck/shared-contracts';
import { bearer, type GatewayHarness, startGateway } from '../../test/gateway-harness';
import { EventStreamService, MAX_STREAMS_PER_USER } from './event-stream.service';

interface Stream {
  status: number;
  text: () => string;
  ended: () => boolean;
  close: () => void;
}

describe('event streams: what each caller may see, for as long as they may (integration)', () => {
  let gw: GatewayHarness;
  let port: number;
  const open: Stream[] = [];

  beforeAll(async () => {
    gw = await startGateway({ eventStreamRecheckMs: 200 });
    await new Promise<void>((resolve) => gw.http.listen(0, '127.0.0.1', resolve));
    port = (gw.http.address() as AddressInfo).port;
  });

  afterEach(() => {
    for (const stream of open.splice(0)) stream.close();
  });

  afterAll(async () => {
    await gw?.close();
  });

  const stream = (session: LoginResponse) =>
    new Promise<Stream>((resolve, reject) => {
      let text = '';
      let ended = false;
      const req = get({ host: '127.0.0.1', port, path: '/api/v1/events', headers: { ...bearer(session), Accept: 'text/event-stream' } }, (res: IncomingMessage) => {
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => (ended = true));
        res.on('close', () => (ended = true));
        const s = { status: res.statusCode ?? 0, text: () => text, ended: () => ended, close: () => req.destroy() };
        open.push(s);
        resolve(s);
      });
      req.on('error', reject);
    });

  const publishAppWithEnv = async () => {
    const repo = gw.ds.getRepository(AppEntity);
    const app = await repo.save(repo.create({
      name: 'nginx', catalogId: 'nginx', version: '1.27.3', runtime: 'oci', hostname: `env-${Date.now()}`, status: 'running',
      cores: 1, memoryMb: 256, diskGb: 2, inputs: {}, httpPort: 80, envOverrides: { SMTP_PASSWORD: 'typed-by-hand' },
    }));
    const connection = createRedisConnection(gw.redisUrl);
    try {
      await new EventPublisher(connection, gw.redisPrefix).publish({ type: 'app.updated', app: toAppDto(app, null) });
    } finally {
      await connection.quit();
    }
    return app;
  };

  it('relays an app\'s env values to operators and not to viewers, in events and in reads', async () => {
    const viewer = await gw.loginAs('viewer');
    const operator = await gw.loginAs('operator');
    const [seenByViewer, seenByOperator] = await Promise.all([stream(viewer), stream(operator)]);
    await waitFor(async () => (seenByViewer.text().includes('retry:') && seenByOperator.text().includes('retry:') ? true : undefined), 'both streams', 5000);
    const app = await publishAppWithEnv();
    await waitFor(async () => (seenByViewer.text().includes(app.hostname) && seenByOperator.text().includes(app.hostname) ? true : undefined), 'the event on both', 5000);
    expect(seenByOperator.text()).toContain('"env":{"SMTP_PASSWORD":"typed-by-hand"}');
    expect(seenByViewer.text()).not.toContain('typed-by-hand');

    expect((await request(gw.http).get(`/api/v1/apps/${app.id}`).set(bearer(viewer)).expect(200)).body.env).toEqual({});
    expect((await request(gw.http).get(`/api/v1/apps/${app.id}`).set(bearer(operator)).expect(200)).body.env).toEqual({ SMTP_PASSWORD: 'typed-by-hand' });
    const page = (await request(gw.http).get('/api/v1/apps').set(bearer(viewer)).expect(200)).body as { items: Array<{ id: string; env: object }> };
    expect(page.items.find((a) => a.id === app.id)?.env).toEqual({});
  });

  it(`lets one account hold ${MAX_STREAMS_PER_USER} streams; the next is a 429, other accounts are not affected`, async () => {
    const busy = await gw.loginAs('viewer');
    const streams = await Promise.all(Array.from({ length: MAX_STREAMS_PER_USER }, () => stream(busy)));
    expect(streams.map((s) => s.status)).toEqual(Array(MAX_STREAMS_PER_USER).fill(200));
    const refused = await request(gw.http).get('/api/v1/events').set(bearer(busy)).expect(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await stream(await gw.loginAs('viewer'))).status).toBe(200);
  });

  it('ends the stream of an account deleted while it listens', async () => {
    const leaving = await gw.loginAs('viewer', 'leaving');
    const s = await stream(leaving);
    const before = gw.app.get(EventStreamService).clients;
    await gw.ds.getRepository(UserEntity).delete({ username: 'leaving' });
    await waitFor(async () => (s.ended() ? true : undefined), 'the stream to end', 5000);
    expect(gw.app.get(EventStreamService).clients).toBe(before - 1);
  });
});
