import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { AuditEventEntity, SettingsEntity } from '@proxdeck/server-database';
import { type RunningSim, startPveSim } from '@proxdeck/server-testing';
import type { LoginResponse, NodeDto, ProxmoxConnectionTestDto, SettingsDto } from '@proxdeck/shared-contracts';
import { bearer, type GatewayHarness, startGateway } from '../../test/gateway-harness';

describe('settings (integration, two simulated clusters)', () => {
  let first: RunningSim;
  let second: RunningSim;
  let gw: GatewayHarness;
  let admin: LoginResponse;

  beforeAll(async () => {
    [first, second] = await Promise.all([startPveSim({ nodes: 1 }), startPveSim({ nodes: 3 })]);
    gw = await startGateway({ sim: first, pveRequestTimeoutMs: 3000 });
    admin = await gw.loginAs('admin', 'settings-admin');
  });

  afterAll(async () => {
    await gw?.close();
    await Promise.all([first?.stop(), second?.stop()]);
  });

  const put = (body: object, who: LoginResponse = admin) => request(gw.http).put('/api/v1/settings').set(bearer(who)).send(body);
  const test = (body: object) => request(gw.http).post('/api/v1/settings/proxmox/test').set(bearer(admin)).send(body).expect(200);

  it('shows the connection and defaults from the environment, never the token secret', async () => {
    const res = await request(gw.http).get('/api/v1/settings').set(bearer(admin)).expect(200);
    const settings = res.body as SettingsDto;
    expect(settings.proxmox).toEqual({ url: first.url, tokenId: first.tokenId, tokenSecretSet: true, verifyTls: false });
    expect(settings.defaults).toMatchObject({ templateStorage: 'local', bridge: 'vmbr0', network: { mode: 'dhcp' } });
    expect(settings.defaultPolicy.backup.keepLast).toBe(7);
    expect(JSON.stringify(settings)).not.toContain(first.tokenSecret);
  });

  it('tests a candidate connection without saving it, saying what is wrong', async () => {
    const good = (await test({ url: second.url, tokenId: second.tokenId, tokenSecret: second.tokenSecret })).body as ProxmoxConnectionTestDto;
    expect(good).toMatchObject({ ok: true, nodes: ['pve1', 'pve2', 'pve3'], version: expect.any(String) });
    expect(good.message).toContain('3 nodes');

    const wrongSecret = (await test({ url: second.url, tokenId: second.tokenId, tokenSecret: '11111111-1111-4111-8111-111111111111' })).body as ProxmoxConnectionTestDto;
    expect(wrongSecret.ok).toBe(false);
    expect(wrongSecret.message).toContain('rejected the credentials');

    const closed = (await test({ url: 'http://127.0.0.1:9', tokenId: second.tokenId, tokenSecret: second.tokenSecret })).body as ProxmoxConnectionTestDto;
    expect(closed).toMatchObject({ ok: false, nodes: [] });
    expect(closed.message).toContain('unreachable');

    const missing = (await test({ url: second.url, tokenId: 'other@pve!x' })).body as ProxmoxConnectionTestDto;
    expect(missing).toMatchObject({ ok: false, message: 'Enter the token secret for this token id.' });
    expect(await gw.ds.getRepository(SettingsEntity).count()).toBe(0);
  });

  it('never sends the saved secret to another URL: a test or a save of a new URL needs its own', async () => {
    const seen: string[] = [];
    const elsewhere = createServer((req, res) => {
      seen.push(`${req.headers.authorization ?? ''} ${req.headers.cookie ?? ''} ${req.url ?? ''}`);
      res.writeHead(401).end();
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
    try {
      const urlOnly = (await test({ url })).body as ProxmoxConnectionTestDto;
      expect(urlOnly).toMatchObject({ ok: false, message: expect.stringContaining('a saved secret is only sent to the Proxmox URL it was saved for') });
      const sameToken = (await test({ url, tokenId: first.tokenId })).body as ProxmoxConnectionTestDto;
      expect(sameToken.ok).toBe(false);
      const save = await put({ proxmox: { url } }).expect(400);
      expect(save.body.errors).toEqual({ 'proxmox.tokenSecret': expect.stringContaining('only sent to the Proxmox URL it was saved for') });
      expect(seen).toEqual([]);
      expect(await gw.ds.getRepository(SettingsEntity).count()).toBe(0);
    } finally {
      await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
    }
  });

  it('refuses bad values naming the field, and non-admins', async () => {
    const bad = await put({ proxmox: { url: 'ftp://nope' }, defaults: { bridge: 'has space' }, appsDomain: 'UPPER.case' }).expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(Object.keys(bad.body.errors as object).sort()).toEqual(['appsDomain', 'defaults.bridge', 'proxmox.url']);
    const nulls = await put({ proxmox: { url: null, tokenId: null, tokenSecret: null, verifyTls: null } }).expect(400);
    expect(Object.keys(nulls.body.errors as object).sort()).toEqual(['proxmox.tokenId', 'proxmox.tokenSecret', 'proxmox.url', 'proxmox.verifyTls']);
    await put({ defaults: { bridge: 'vmbr1' } }, await gw.loginAs('operator')).expect(403);
    expect(await gw.ds.getRepository(SettingsEntity).count()).toBe(0);
  });

  it('saves defaults and a new connection, which the gateway uses at once; the secret is sealed and not audited', async () => {
    const saved = (await put({
      proxmox: { url: second.url, tokenId: second.tokenId, tokenSecret: second.tokenSecret },
      defaults: { bridge: 'vmbr1', backupStorage: 'local' },
      appsDomain: 'apps.example.lan',
    }).expect(200)).body as SettingsDto;
    expect(saved).toMatchObject({
      proxmox: { url: second.url, tokenId: second.tokenId, tokenSecretSet: true },
      defaults: { bridge: 'vmbr1', backupStorage: 'local' },
      appsDomain: 'apps.example.lan',
      updatedBy: 'settings-admin',
    });
    expect(gw.config.pve.bridge).toBe('vmbr1');

    const nodes = (await request(gw.http).get('/api/v1/nodes').set(bearer(admin)).expect(200)).body as NodeDto[];
    expect(nodes.map((n) => n.name)).toEqual(['pve1', 'pve2', 'pve3']);

    const row = await gw.ds.getRepository(SettingsEntity).findOneByOrFail({ id: 1 });
    expect(JSON.stringify(row)).not.toContain(second.tokenSecret);
    const audit = await gw.ds.getRepository(AuditEventEntity).findOneByOrFail({ action: 'settings.update' });
    expect(JSON.stringify(audit.details)).not.toContain(second.tokenSecret);

    // The default policy: merged, checked like an app's, and what apps without their own now get.
    const badPolicy = await put({ defaultPolicy: { backup: { schedule: '0 3 * *' } } }).expect(400);
    expect(Object.keys(badPolicy.body.errors as object)).toEqual(['defaultPolicy.backup.schedule']);
    const withPolicy = (await put({ defaultPolicy: { backup: { schedule: '30 1 * * *', keepLast: 3 }, updates: { autoApply: true } } }).expect(200)).body as SettingsDto;
    expect(withPolicy.defaultPolicy).toEqual({
      backup: { schedule: '30 1 * * *', timezone: 'UTC', keepLast: 3, keepDaily: 0, keepWeekly: 0, keepMonthly: 0 },
      updates: { check: true, autoApply: true },
    });
    expect(gw.config.defaultPolicy.backup.schedule).toBe('30 1 * * *');

    // Clearing an override falls back to "choose automatically".
    const cleared = (await put({ defaults: { backupStorage: null }, appsDomain: null }).expect(200)).body as SettingsDto;
    expect(cleared.defaults.backupStorage).toBeNull();
    expect(cleared.appsDomain).toBeNull();
  });

  it('saves a static address pool checked field by field, and DHCP again without the pool', async () => {
    const pool = { mode: 'static', from: '10.0.0.50', to: '10.0.0.99', prefix: 24, gateway: '10.0.0.1' };
    const errorsOf = async (network: object) => Object.keys((await put({ defaults: { network } }).expect(400)).body.errors as object).sort();
    expect(await errorsOf({ mode: 'bridged' })).toEqual(['defaults.network.mode']);
    expect(await errorsOf({ mode: 'static' })).toEqual(['defaults.network.from', 'defaults.network.gateway', 'defaults.network.prefix', 'defaults.network.to']);
    expect(await errorsOf({ ...pool, from: '10.0.0.300', gateway: 'router' })).toEqual(['defaults.network.from', 'defaults.network.gateway']);
    expect(await errorsOf({ ...pool, prefix: 31 })).toEqual(['defaults.network.prefix']);
    expect(await errorsOf({ ...pool, from: '10.0.0.99', to: '10.0.0.50' })).toEqual(['defaults.network.to']);
    expect(await errorsOf({ ...pool, to: '10.0.1.10' })).toEqual(['defaults.network.to']);
    expect(await errorsOf({ ...pool, prefix: 16, to: '10.0.16.60' })).toEqual(['defaults.network.to']);
    const outside = await put({ defaults: { network: { ...pool, to: '10.0.1.10' } } }).expect(400);
    expect(outside.body.errors['defaults.network.to']).toBe("must be in 10.0.0.0/24, the gateway's subnet");
    const before = await gw.ds.getRepository(SettingsEntity).findOneBy({ id: 1 });
    expect(before?.values.defaults?.network).toBeUndefined();

    const saved = (await put({ defaults: { network: pool } }).expect(200)).body as SettingsDto;
    expect(saved.defaults.network).toEqual(pool);
    expect(gw.config.pve.network).toEqual(pool);
    // Other defaults saved later keep the pool.
    await put({ defaults: { bridge: 'vmbr0' } }).expect(200);
    expect(gw.config.pve.network).toEqual(pool);

    const dhcp = (await put({ defaults: { network: { mode: 'dhcp', from: '10.0.0.50' } } }).expect(200)).body as SettingsDto;
    expect(dhcp.defaults.network).toEqual({ mode: 'dhcp' });
    expect(gw.config.pve.network).toEqual({ mode: 'dhcp' });
  });
});
