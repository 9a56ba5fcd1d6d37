import request from 'supertest';
import { ApiTokenEntity, UserEntity } from '@proxdeck/server-database';
import type { ApiTokenDto, CreatedApiTokenDto, LoginResponse } from '@proxdeck/shared-contracts';
import { bearer, type GatewayHarness, startGateway } from '../../test/gateway-harness';

describe('API tokens (integration)', () => {
  let gw: GatewayHarness;
  let operator: LoginResponse;

  beforeAll(async () => {
    gw = await startGateway();
    operator = await gw.loginAs('operator', 'ci-owner');
  });

  afterAll(async () => {
    await gw?.close();
  });

  const create = (body: object, who: LoginResponse = operator) => request(gw.http).post('/api/v1/tokens').set(bearer(who)).send(body);
  const withToken = (secret: string) => ({ Authorization: `Bearer ${secret}` });

  it('creates a token whose secret is shown once, stored hashed, and works as Bearer for its role', async () => {
    const res = await create({ name: 'ci pipeline', role: 'viewer' }).expect(201);
    const created = res.body as CreatedApiTokenDto;
    expect(created.secret).toMatch(/^pdk_[0-9a-f]{32}_/);
    expect(created.token).toMatchObject({ name: 'ci pipeline', role: 'viewer', owner: 'ci-owner', lastUsedAt: null });
    const row = await gw.ds.getRepository(ApiTokenEntity).findOneByOrFail({ id: created.token.id });
    expect(JSON.stringify(row)).not.toContain(created.secret.split('_').pop());

    await request(gw.http).get('/api/v1/apps').set(withToken(created.secret)).expect(200);
    // A viewer token cannot act, even though its owner could.
    const denied = await request(gw.http).post('/api/v1/apps').set(withToken(created.secret)).send({ catalogId: 'nginx', hostname: 'web' }).expect(403);
    expect(denied.body).toMatchObject({ code: 'FORBIDDEN' });

    const listed = (await request(gw.http).get('/api/v1/tokens').set(bearer(operator)).expect(200)).body as ApiTokenDto[];
    expect(listed.map((t) => t.id)).toContain(created.token.id);
    expect(listed.find((t) => t.id === created.token.id)?.lastUsedAt).toEqual(expect.any(String));
    expect(JSON.stringify(listed)).not.toContain('pdk_');
  });

  it('refuses a role above the owner, bad names and unknown fields, naming the field', async () => {
    const above = await create({ name: 'root-ish', role: 'admin' }).expect(400);
    expect(above.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: { role: 'must be at most your own role (operator)' } });
    const badName = await create({ name: 'no/slashes' }).expect(400);
    expect(badName.body.errors).toHaveProperty('name');
    await create({ name: 'x', colour: 'red' }).expect(400);
    expect(await gw.ds.getRepository(ApiTokenEntity).countBy({ name: 'root-ish' })).toBe(0);
  });

  it('stops working when deleted, expired, or mangled; a token cannot mint tokens', async () => {
    const { secret, token } = (await create({ name: 'short-lived' }).expect(201)).body as CreatedApiTokenDto;
    const mint = await create({ name: 'child' }, { accessToken: secret } as LoginResponse).expect(403);
    expect(mint.body.detail).toContain('API tokens cannot manage API tokens');

    // One character changed (a fixed 'A' was no change at all when the secret ended in one: 1 run in 16).
    const mangled = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    await request(gw.http).get('/api/v1/apps').set(withToken(mangled)).expect(401);
    await gw.ds.getRepository(ApiTokenEntity).update({ id: token.id }, { expiresAt: new Date(Date.now() - 1000) });
    const expired = await request(gw.http).get('/api/v1/apps').set(withToken(secret)).expect(401);
    expect(expired.body.detail).toContain('API token is invalid, expired or deleted');

    const { secret: second, token: secondToken } = (await create({ name: 'to-delete' }).expect(201)).body as CreatedApiTokenDto;
    await request(gw.http).delete(`/api/v1/tokens/${secondToken.id}`).set(bearer(operator)).expect(204);
    await request(gw.http).get('/api/v1/apps').set(withToken(second)).expect(401);
  });

  it('an admin\'s token may read users but not create, change or delete accounts (a leaked token cannot make itself a permanent admin)', async () => {
    const boss = await gw.loginAs('admin', 'token-boss');
    const { secret } = (await create({ name: 'automation', role: 'admin' }, boss).expect(201)).body as CreatedApiTokenDto;
    await request(gw.http).get('/api/v1/users').set(withToken(secret)).expect(200);
    const made = await request(gw.http).post('/api/v1/users').set(withToken(secret)).send({ username: 'backdoor', password: 'backdoor-password', role: 'admin' }).expect(403);
    expect(made.body.detail).toBe('API tokens cannot manage users; log in as the user.');
    const someone = (await gw.ds.getRepository(UserEntity).findOneByOrFail({ username: 'ci-owner' })).id;
    await request(gw.http).patch(`/api/v1/users/${someone}`).set(withToken(secret)).send({ role: 'admin' }).expect(403);
    await request(gw.http).delete(`/api/v1/users/${someone}`).set(withToken(secret)).expect(403);
    expect(await gw.ds.getRepository(UserEntity).existsBy({ username: 'backdoor' })).toBe(false);
    expect((await gw.ds.getRepository(UserEntity).findOneByOrFail({ id: someone })).role).toBe('operator');
  });

  it("caps a token at its owner's current role and lets only owners or admins delete it", async () => {
    const { secret, token } = (await create({ name: 'acting', role: 'operator' }).expect(201)).body as CreatedApiTokenDto;
    await gw.ds.getRepository(UserEntity).update({ username: 'ci-owner' }, { role: 'viewer' });
    await request(gw.http).post('/api/v1/apps').set(withToken(secret)).send({ catalogId: 'nginx', hostname: 'web' }).expect(403);
    await gw.ds.getRepository(UserEntity).update({ username: 'ci-owner' }, { role: 'operator' });

    const stranger = await gw.loginAs('operator', 'stranger');
    await request(gw.http).delete(`/api/v1/tokens/${token.id}`).set(bearer(stranger)).expect(404);
    const admin = await gw.loginAs('admin', 'boss');
    const all = (await request(gw.http).get('/api/v1/tokens').set(bearer(admin)).expect(200)).body as ApiTokenDto[];
    expect(all.some((t) => t.owner === 'ci-owner')).toBe(true);
    await request(gw.http).delete(`/api/v1/tokens/${token.id}`).set(bearer(admin)).expect(204);
  });
});
