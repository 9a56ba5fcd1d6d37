import request from 'supertest';
import { AuditEventEntity } from '@proxdeck/server-database';
import type { UserDto } from '@proxdeck/shared-contracts';
import { bearer, type GatewayHarness, startGateway } from '../../test/gateway-harness';

describe('AUTO/PRO mode, a user preference (integration)', () => {
  let gw: GatewayHarness;
  beforeAll(async () => (gw = await startGateway({ pveRequestTimeoutMs: 500 })));
  afterAll(() => gw?.close());

  it('starts in AUTO, switches to PRO for this user only, keeps it across logins, and audits the change', async () => {
    const viewer = await gw.loginAs('viewer', 'mode-viewer');
    const other = await gw.loginAs('viewer', 'mode-other');
    expect(viewer.user.mode).toBe('auto');

    const changed = await request(gw.http).patch('/api/v1/auth/me').set(bearer(viewer)).send({ mode: 'pro' }).expect(200);
    expect(changed.body as UserDto).toMatchObject({ id: viewer.user.id, username: 'mode-viewer', role: 'viewer', mode: 'pro' });

    const me = await request(gw.http).get('/api/v1/auth/me').set(bearer(viewer)).expect(200);
    expect((me.body as UserDto).mode).toBe('pro');
    expect((await gw.login('mode-viewer', 'mode-viewer-password')).user.mode).toBe('pro');
    expect(((await request(gw.http).get('/api/v1/auth/me').set(bearer(other)).expect(200)).body as UserDto).mode).toBe('auto');
    // The preference grants nothing: a viewer in PRO still cannot act.
    await request(gw.http).post('/api/v1/adoption').set(bearer(viewer)).send({ node: 'pve1', vmid: 100, port: 80 }).expect(403);

    const audit = await gw.ds.getRepository(AuditEventEntity).findBy({ action: 'user.mode', target: viewer.user.id });
    expect(audit.map((a) => a.details)).toEqual([{ from: 'auto', to: 'pro' }]);
  });

  it.each([
    ['an unknown mode', { mode: 'expert' }],
    ['no mode', {}],
    ['another field', { mode: 'pro', role: 'admin' }],
  ])('refuses %s with a problem naming the field, changing nothing', async (_what, body) => {
    const user = await gw.loginAs('viewer');
    const res = await request(gw.http).patch('/api/v1/auth/me').set(bearer(user)).send(body).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.body.errors as object)).toEqual(['role' in body ? 'role' : 'mode']);
    const me = await request(gw.http).get('/api/v1/auth/me').set(bearer(user)).expect(200);
    expect(me.body).toMatchObject({ role: 'viewer', mode: 'auto' });
  });

  it('needs a login', async () => {
    await request(gw.http).patch('/api/v1/auth/me').send({ mode: 'pro' }).expect(401);
  });
});
