import request from 'supertest';
import { AppEntity } from '@proxdeck/server-database';
import { PveClient } from '@proxdeck/server-proxmox';
import { type RunningSim, startPveSim } from '@proxdeck/server-testing';
import type { LoginResponse, MetricsDto } from '@proxdeck/shared-contracts';
import { bearer, type GatewayHarness, startGateway } from '../../test/gateway-harness';

describe('metrics of apps and nodes (integration, pve-sim rrddata)', () => {
  let sim: RunningSim;
  let gw: GatewayHarness;
  let pve: PveClient;
  let viewer: LoginResponse;

  beforeAll(async () => {
    sim = await startPveSim({ nodes: 1 });
    gw = await startGateway({ sim });
    viewer = await gw.loginAs('viewer');
    pve = new PveClient({ url: sim.url, tokenId: sim.tokenId, tokenSecret: sim.tokenSecret, verifyTls: false });
  });

  afterAll(async () => {
    pve?.close();
    await gw?.close();
    await sim?.stop();
  });

  const get = (path: string) => request(gw.http).get(`/api/v1${path}`).set(bearer(viewer));

  it("charts a running app's container from Proxmox rrddata", async () => {
    await pve.waitForTask(await pve.pullOciImage('pve1', 'local', 'docker.io/library/nginx:1.27.3'));
    await pve.waitForTask(await pve.createContainer('pve1', { vmid: 150, ostemplate: 'local:vztmpl/nginx_1.27.3.tar', hostname: 'charted', rootfs: 'local-lvm:1', memory: 512 }));
    await pve.waitForTask(await pve.startContainer('pve1', 150));
    const apps = gw.ds.getRepository(AppEntity);
    const app = await apps.save(apps.create({
      name: 'nginx', catalogId: 'nginx', version: '1.27.3', runtime: 'oci', hostname: 'charted', node: 'pve1', vmid: 150,
      status: 'running', cores: 1, memoryMb: 512, diskGb: 1, inputs: {}, httpPort: 80,
    }));

    const res = await get(`/apps/${app.id}/metrics?timeframe=day`).expect(200);
    const body = res.body as MetricsDto;
    expect(body.timeframe).toBe('day');
    expect(body.points.length).toBeGreaterThan(0);
    const latest = body.points[body.points.length - 1];
    expect(latest.memoryTotal).toBe(512 * 1024 ** 2);
    expect(latest.cpu).toEqual(expect.any(Number));
    expect(Date.parse(body.points[0].at)).toBeLessThan(Date.parse(latest.at));
  });

  it('charts a node, and refuses an unknown node or timeframe naming what is wrong', async () => {
    const res = await get('/nodes/pve1/metrics').expect(200);
    const body = res.body as MetricsDto;
    expect(body.timeframe).toBe('hour');
    expect(body.points.at(-1)).toMatchObject({ memoryTotal: expect.any(Number), memoryUsed: expect.any(Number), cpu: expect.any(Number) });

    const unknown = await get('/nodes/pve9/metrics').expect(404);
    expect(unknown.body).toMatchObject({ code: 'NODE_NOT_FOUND' });
    const badFrame = await get('/nodes/pve1/metrics?timeframe=year').expect(400);
    expect(badFrame.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: { timeframe: expect.stringContaining('hour') } });
  });

  it('answers 404 APP_NOT_FOUND for an unknown app and needs a login', async () => {
    await get('/apps/00000000-0000-4000-8000-000000000000/metrics').expect(404);
    await request(gw.http).get('/api/v1/nodes/pve1/metrics').expect(401);
  });
});
