import request from 'supertest';
import { AuditEventEntity, RefreshSessionEntity } from '@proxdeck/server-database';
import type { LoginResponse } from '@proxdeck/shared-contracts';
import { ADMIN, bearer, cookiePair, cookiesOf, type GatewayHarness, startGateway } from '../../test/gateway-harness';

describe('auth (integration)', () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await startGateway();
  });

  afterAll(async () => {
    await gw.close();
  });

  it('creates the first admin from the config and logs it in with token and cookies', async () => {
    const res = await request(gw.http).post('/api/v1/auth/login').send(ADMIN).expect(200);
    const body = res.body as LoginResponse;
    expect(body.expiresIn).toBe(900);
    expect(body.user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(body.accessToken.split('.')).toHaveLength(3);

    const cookies = cookiesOf(res);
    const access = cookies.get('pd_access') ?? '';
    const refresh = cookies.get('pd_refresh') ?? '';
    expect(access).toMatch(/HttpOnly/);
    expect(access).toMatch(/SameSite=Strict/);
    expect(access).toMatch(/Path=\/;/);
    expect(access).toMatch(/Max-Age=900/);
    expect(refresh).toMatch(/HttpOnly/);
    expect(refresh).toMatch(/SameSite=Strict/);
    expect(refresh).toMatch(/Path=\/api\/v1\/auth/);
    expect(refresh).toMatch(/Max-Age=1209600/);
    expect(cookiePair(refresh)).toMatch(/^pd_refresh=[0-9a-f-]{36}\.[A-Za-z0-9_-]+$/);
    // The secret is stored hashed, never as sent.
    const sessionId = cookiePair(refresh).split('=')[1].split('.')[0];
    const row = await gw.ds.getRepository(RefreshSessionEntity).findOneByOrFail({ id: sessionId });
    expect(cookiePair(refresh)).not.toContain(row.secretHash);

    const me = await request(gw.http).get('/api/v1/auth/me').set(bearer(body)).expect(200);
    expect(me.body).toMatchObject({ username: 'admin', role: 'admin' });
  });

  it('refuses a wrong password or an unknown user with 401 INVALID_CREDENTIALS problem', async () => {
    for (const creds of [{ username: 'admin', password: 'wrong-password' }, { username: 'nobody', password: 'whatever1' }]) {
      const res = await request(gw.http).post('/api/v1/auth/login').send(creds).expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', title: 'Unauthorized' });
      expect(cookiesOf(res).size).toBe(0);
    }
    const failures = await gw.ds.getRepository(AuditEventEntity).countBy({ action: 'auth.login-failed' });
    expect(failures).toBeGreaterThanOrEqual(2);
  });

  it('rotates the refresh cookie; a racing reuse is tolerated, a late reuse ends every session of that user', async () => {
    const login = await request(gw.http).post('/api/v1/auth/login').send(ADMIN).expect(200);
    const first = cookiePair(cookiesOf(login).get('pd_refresh'));

    const refreshed = await request(gw.http).post('/api/v1/auth/refresh').set('Cookie', first).expect(200);
    expect((refreshed.body as LoginResponse).accessToken).toBeTruthy();
    const second = cookiePair(cookiesOf(refreshed).get('pd_refresh'));
    expect(second).not.toBe(first);
    await request(gw.http).get('/api/v1/auth/me').set(bearer(refreshed.body as LoginResponse)).expect(200);

    // Two tabs refreshing at once: the reuse within the grace period gets its own session.
    const racing = await request(gw.http).post('/api/v1/auth/refresh').set('Cookie', first).expect(200);
    const third = cookiePair(cookiesOf(racing).get('pd_refresh'));
    expect(third).not.toBe(second);

    // Long after the rotation, the old secret coming back means a copy exists: every session ends.
    const firstId = first.split('=')[1].split('.')[0];
    await gw.ds.getRepository(RefreshSessionEntity).update({ id: firstId }, { revokedAt: new Date(Date.now() - 5 * 60_000) });
    const reused = await request(gw.http).post('/api/v1/auth/refresh').set('Cookie', first).expect(401);
    expect(reused.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    await request(gw.http).post('/api/v1/auth/refresh').set('Cookie', second).expect(401);
    await request(gw.http).post('/api/v1/auth/refresh').set('Cookie', third).expect(401);
  });

  it('logs out: revokes the session and clears both cookies', async () => {
    const login = await request(gw.http).post('/api/v1/auth/login').send(ADMIN).expect(200);
    const refresh = cookiePair(cookiesOf(login).get('pd_refresh'));
    const out = await request(gw.http).post('/api/v1/auth/logout').set('Cookie', refresh).expect(204);
    const cleared = cookiesOf(out);
    expect(cleared.get('pd_access')).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(cleared.get('pd_refresh')).toMatch(/Expires=Thu, 01 Jan 1970/);
    await request(gw.http).post('/api/v1/auth/refresh').set('Cookie', refresh).expect(401);
    // Logging out without a session still succeeds.
    await request(gw.http).post('/api/v1/auth/logout').expect(204);
  });

  it('accepts the access cookie for reads only; mutations need the Authorization header', async () => {
    const login = await request(gw.http).post('/api/v1/auth/login').send(ADMIN).expect(200);
    const access = cookiePair(cookiesOf(login).get('pd_access'));
    await request(gw.http).get('/api/v1/auth/me').set('Cookie', access).expect(200);
    const post = await request(gw.http).post('/api/v1/users').set('Cookie', access).send({ username: 'csrf', password: 'password-1', role: 'viewer' }).expect(401);
    expect(post.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(post.body.detail).toMatch(/Authorization header/);
  });

  it('refuses requests without a token, and a tampered token', async () => {
    const none = await request(gw.http).get('/api/v1/apps').expect(401);
    expect(none.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    const session = await gw.login(ADMIN.username, ADMIN.password);
    const tampered = `${session.accessToken.slice(0, -3)}abc`;
    await request(gw.http).get('/api/v1/apps').set('Authorization', `Bearer ${tampered}`).expect(401);
  });

  it('answers 403 FORBIDDEN when the role is too low (a viewer cannot deploy)', async () => {
    const viewer = await gw.loginAs('viewer');
    await request(gw.http).get('/api/v1/apps').set(bearer(viewer)).expect(200);
    const res = await request(gw.http).post('/api/v1/apps').set(bearer(viewer)).send({ catalogId: 'nginx', hostname: 'web' }).expect(403);
    expect(res.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const operator = await gw.loginAs('operator');
    await request(gw.http).get('/api/v1/users').set(bearer(operator)).expect(403);
  });

  it('marks the cookies Secure when the browser talks HTTPS (through a reverse proxy that says so), not on plain HTTP', async () => {
    const creds = { username: ADMIN.username, password: ADMIN.password };
    const proxied = await request(gw.http).post('/api/v1/auth/login').set('X-Forwarded-Proto', 'https').send(creds).expect(200);
    expect(cookiesOf(proxied).get('pd_access')).toMatch(/; Secure/);
    expect(cookiesOf(proxied).get('pd_refresh')).toMatch(/; Secure/);
    const plain = await request(gw.http).post('/api/v1/auth/login').send(creds).expect(200);
    expect(cookiesOf(plain).get('pd_access')).not.toMatch(/Secure/);
  });

  it('makes one account wait after 5 wrong passwords, from any address; other accounts are not affected', async () => {
    const admin = await gw.login(ADMIN.username, ADMIN.password);
    await request(gw.http).post('/api/v1/users').set(bearer(admin)).send({ username: 'erin', password: 'erin-password', role: 'viewer' }).expect(201);
    const attempt = (password: string, ip: string) => request(gw.http).post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ username: 'erin', password });
    for (let i = 0; i < 5; i++) await attempt('guess-guess', `198.51.100.${i}`).expect(401);
    const waiting = await attempt('erin-password', '203.0.113.9').expect(429);
    expect(waiting.body).toMatchObject({ code: 'RATE_LIMITED', detail: 'Too many wrong passwords for this account; try again in 1 s.' });
    await gw.login(ADMIN.username, ADMIN.password);

    await new Promise((r) => setTimeout(r, 1100));
    await attempt('erin-password', '203.0.113.9').expect(200);
    await attempt('guess-guess', '203.0.113.9').expect(401); // a success forgets the failures
  });

  it('a new password ends what the old one opened: access tokens already issued, refresh sessions and API tokens', async () => {
    const admin = await gw.login(ADMIN.username, ADMIN.password);
    const created = await request(gw.http).post('/api/v1/users').set(bearer(admin)).send({ username: 'dave', password: 'dave-password', role: 'operator' }).expect(201);
    const loggedIn = await request(gw.http).post('/api/v1/auth/login').send({ username: 'dave', password: 'dave-password' }).expect(200);
    const dave = loggedIn.body as LoginResponse;
    const refresh = cookiePair(cookiesOf(loggedIn).get('pd_refresh'));
    const token = (await request(gw.http).post('/api/v1/tokens').set(bearer(dave)).send({ name: 'script' }).expect(201)).body as { secret: string };
    await request(gw.http).get('/api/v1/apps').set({ Authorization: `Bearer ${token.secret}` }).expect(200);
    // JWT iat has whole seconds, and a token from the second of the change still counts.
    await new Promise((r) => setTimeout(r, 1100));

    await request(gw.http).patch(`/api/v1/users/${created.body.id}`).set(bearer(admin)).send({ password: 'new-dave-password' }).expect(200);
    const stale = await request(gw.http).get('/api/v1/apps').set(bearer(dave)).expect(401);
    expect(stale.body.detail).toContain('The password of this account changed');
    await request(gw.http).get('/api/v1/apps').set({ Authorization: `Bearer ${token.secret}` }).expect(401);
    await request(gw.http).post('/api/v1/auth/refresh').set('Cookie', refresh).expect(401);
    const again = (await request(gw.http).post('/api/v1/auth/login').send({ username: 'dave', password: 'new-dave-password' }).expect(200)).body as LoginResponse;
    await request(gw.http).get('/api/v1/apps').set(bearer(again)).expect(200);
  });

  it('lets an admin manage users but not delete itself or the last admin', async () => {
    const admin = await gw.login(ADMIN.username, ADMIN.password);
    const created = await request(gw.http).post('/api/v1/users').set(bearer(admin)).send({ username: 'carol', password: 'carol-password', role: 'operator' }).expect(201);
    expect(created.body).toMatchObject({ username: 'carol', role: 'operator' });
    expect(created.body).not.toHaveProperty('passwordHash');
    const dup = await request(gw.http).post('/api/v1/users').set(bearer(admin)).send({ username: 'carol', password: 'carol-password', role: 'viewer' }).expect(409);
    expect(dup.body).toMatchObject({ code: 'USER_EXISTS', errors: { username: expect.any(String) } });

    const self = await request(gw.http).delete(`/api/v1/users/${admin.user.id}`).set(bearer(admin)).expect(422);
    expect(self.body).toMatchObject({ code: 'USER_CHANGE_REFUSED' });

    // Promote carol, then demote the original admin: allowed while another admin exists.
    await request(gw.http).patch(`/api/v1/users/${created.body.id}`).set(bearer(admin)).send({ role: 'admin' }).expect(200);
    const carol = await gw.login('carol', 'carol-password');
    await request(gw.http).patch(`/api/v1/users/${admin.user.id}`).set(bearer(carol)).send({ role: 'viewer' }).expect(200);
    const last = await request(gw.http).patch(`/api/v1/users/${carol.user.id}`).set(bearer(carol)).send({ role: 'operator' }).expect(422);
    expect(last.body).toMatchObject({ code: 'USER_CHANGE_REFUSED' });
    await request(gw.http).patch(`/api/v1/users/${admin.user.id}`).set(bearer(carol)).send({ role: 'admin' }).expect(200);

    await request(gw.http).delete(`/api/v1/users/${carol.user.id}`).set(bearer(admin)).expect(204);
    await request(gw.http).delete('/api/v1/users/not-a-uuid').set(bearer(admin)).expect(404);
    const list = await request(gw.http).get('/api/v1/users').set(bearer(admin)).expect(200);
    expect((list.body as { username: string }[]).map((u) => u.username)).not.toContain('carol');
  });
});

describe('login rate limit (integration)', () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await startGateway({ loginRateLimit: { limit: 3, ttlMs: 60_000 } });
  });

  afterAll(async () => {
    await gw.close();
  });

  it('answers 429 RATE_LIMITED problem after the limit per IP', async () => {
    for (let i = 0; i < 3; i++) await request(gw.http).post('/api/v1/auth/login').send({ username: 'admin', password: 'nope-nope' }).expect(401);
    const res = await request(gw.http).post('/api/v1/auth/login').send(ADMIN).expect(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  });
});
