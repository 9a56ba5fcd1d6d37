import request from 'supertest';
import type { AuditEventDto, LoginResponse, Page } from '@proxdeck/shared-contracts';
import { bearer, type GatewayHarness, startGateway } from '../../test/gateway-harness';

describe('audit log (integration)', () => {
  let gw: GatewayHarness;
  let admin: LoginResponse;

  beforeAll(async () => {
    gw = await startGateway();
    admin = await gw.loginAs('admin', 'auditor');
    for (const name of ['alice', 'bob', 'carol']) {
      await request(gw.http).post('/api/v1/users').set(bearer(admin)).send({ username: name, password: 'long-enough-password', role: 'viewer' }).expect(201);
    }
  });

  afterAll(async () => {
    await gw?.close();
  });

  const audit = (query: string, who: LoginResponse = admin) => request(gw.http).get(`/api/v1/audit${query}`).set(bearer(who));

  it('lists who did what, newest first, filtered by action prefix and actor', async () => {
    const res = await audit('?action=user.&actor=auditor').expect(200);
    const page = res.body as Page<AuditEventDto>;
    expect(page.items.map((e) => e.details['username'])).toEqual(['carol', 'bob', 'alice']);
    expect(page.items[0]).toMatchObject({ actor: 'auditor', action: 'user.create', target: expect.any(String), at: expect.any(String) });
  });

  it('pages with the cursor it returns and refuses one it did not', async () => {
    const first = (await audit('?action=user.create&limit=2').expect(200)).body as Page<AuditEventDto>;
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await audit(`?action=user.create&limit=2&cursor=${first.nextCursor}`).expect(200)).body as Page<AuditEventDto>;
    expect(second.items.map((e) => e.details['username'])).toEqual(['alice']);
    expect(second.nextCursor).toBeNull();

    const bad = await audit('?cursor=abc').expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: { cursor: 'is not a cursor this API returned' } });
  });

  it('is for admins only', async () => {
    const operator = await gw.loginAs('operator');
    const res = await audit('', operator).expect(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN' });
  });
});
