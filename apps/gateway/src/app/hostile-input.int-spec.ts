import request from 'supertest';
import type { LoginResponse } from '@proxdeck/shared-contracts';
import { bearer, type GatewayHarness, startGateway } from '../test/gateway-harness';

/** Malformed input of the kinds an attacker sends: each is a 4xx naming what is wrong, never a 5xx. */
describe('hostile input (integration)', () => {
  let gw: GatewayHarness;
  let admin: LoginResponse;

  beforeAll(async () => {
    gw = await startGateway();
    admin = await gw.loginAs('admin');
  });

  afterAll(async () => {
    await gw?.close();
  });

  const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  const cursor = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

  it('refuses JSON nested thousands deep with 400, on the login and on authenticated routes', async () => {
    for (const [path, auth] of [['/api/v1/auth/login', {}], ['/api/v1/apps', bearer(admin)], ['/api/v1/settings/proxmox/test', bearer(admin)]] as const) {
      const res = await request(gw.http).post(path).set(auth).set('Content-Type', 'application/json').send(deep(3000));
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });

  it('refuses forged page cursors with 400', async () => {
    for (const forged of [cursor({ t: 1e20, i: '0b7c5f1e-8a2d-4c3b-9e1f-2a3b4c5d6e7f' }), cursor({ t: -1e300, i: '0b7c5f1e-8a2d-4c3b-9e1f-2a3b4c5d6e7f' }), '%00', 'x'.repeat(5000)]) {
      for (const path of ['/api/v1/apps', '/api/v1/operations', '/api/v1/backups']) {
        const res = await request(gw.http).get(path).query({ cursor: forged }).set(bearer(admin));
        expect({ path, forged: forged.slice(0, 20), status: res.status }).toEqual({ path, forged: forged.slice(0, 20), status: 400 });
      }
    }
  });

  it('refuses NUL bytes in text that reaches PostgreSQL with 400', async () => {
    const audit = await request(gw.http).get('/api/v1/audit').query({ actor: 'a\u0000b' }).set(bearer(admin));
    expect(audit.status).toBe(400);
    const action = await request(gw.http).get('/api/v1/audit').query({ action: 'app.\u0000' }).set(bearer(admin));
    expect(action.status).toBe(400);
  });

  it('answers null for optional fields with 400 naming the field', async () => {
    const res = await request(gw.http).post('/api/v1/apps').set(bearer(admin)).send({ catalogId: 'nginx', hostname: 'nulls', node: null, cores: null, memoryMb: null, inputs: null, env: null });
    expect(res.status).toBe(400);
  });

  it('does not echo a huge input back in a 400', async () => {
    const huge = 'x'.repeat(45_000); // both fields under the 100 kB body limit (over it: 413)
    for (const body of [{ catalogId: huge, hostname: 'big' }, { catalogId: 'nginx', hostname: huge }, { catalogId: huge, hostname: huge }]) {
      const res = await request(gw.http).post('/api/v1/apps').set(bearer(admin)).send(body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(JSON.stringify(res.body).length).toBeLessThan(5_000);
    }
    const users = await request(gw.http).post('/api/v1/users').set(bearer(admin)).send({ username: huge, password: 'long-enough-password', role: 'viewer' });
    expect(users.status).toBe(400);
    expect(JSON.stringify(users.body).length).toBeLessThan(5_000);
  });
});
