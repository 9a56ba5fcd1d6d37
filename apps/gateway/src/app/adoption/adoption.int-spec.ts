import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import request from 'supertest';
import { AppEntity, AuditEventEntity, OperationEntity } from '@proxdeck/server-database';
import { buildNet0, proxdeckMarker, PveClient } from '@proxdeck/server-proxmox';
import { createRedisConnection } from '@proxdeck/server-queue';
import { type RunningSim, startPveSim, waitFor } from '@proxdeck/server-testing';
import { type AcceptedOperationDto, type AdoptionCandidateDto, CUSTOM_CATALOG_ID, type LoginResponse, OPERATIONS_QUEUE, type OrphanContainerDto } from '@proxdeck/shared-contracts';
import { bearer, type GatewayHarness, startGateway } from '../../test/gateway-harness';

describe('adoption (integration: gateway + pve-sim)', () => {
  let sim: RunningSim;
  let gw: GatewayHarness;
  let pve: PveClient;
  let operator: LoginResponse;
  let viewer: LoginResponse;
  const ghost = randomUUID();

  const adopt = (body: object, as = operator) => request(gw.http).post('/api/v1/adoption').set(bearer(as)).send(body);
  const counts = async () => ({ apps: await gw.ds.getRepository(AppEntity).count(), operations: await gw.ds.getRepository(OperationEntity).count() });

  async function container(vmid: number, hostname: string, opts: { tags?: string[]; description?: string; start?: boolean } = {}): Promise<void> {
    const ostemplate = 'local:vztmpl/nginx_1.27.3.tar';
    await pve.waitForTask(await pve.createContainer('pve1', {
      vmid, ostemplate, hostname, cores: 2, memory: 512, rootfs: 'local-lvm:3', net0: buildNet0({ bridge: 'vmbr0', ip: 'dhcp' }), ...opts,
    }));
  }

  /** `POST .../template` (PveClient has no call for it: Proxdeck never makes templates). */
  async function makeTemplate(vmid: number): Promise<void> {
    const res = await fetch(`${sim.url}/api2/json/nodes/pve1/lxc/${vmid}/template`, {
      method: 'POST', headers: { Authorization: `PVEAPIToken=${sim.tokenId}=${sim.tokenSecret}` },
    });
    const body = (await res.json()) as { data: unknown };
    if (typeof body.data === 'string' && body.data.startsWith('UPID:')) await pve.waitForTask(body.data);
    await waitFor(async () => (await pve.clusterResources('vm')).find((r) => r.vmid === vmid && r.template) ?? undefined, `CT ${vmid} to become a template`);
  }

  beforeAll(async () => {
    sim = await startPveSim({ nodes: 2 });
    gw = await startGateway({ sim });
    pve = new PveClient(gw.config.pve);
    operator = await gw.loginAs('operator');
    viewer = await gw.loginAs('viewer');
    await pve.waitForTask(await pve.pullOciImage('pve1', 'local', 'docker.io/library/nginx:1.27.3'));
    await container(200, 'wiki', { tags: ['homelab'], start: true });
    await container(201, 'managed', { tags: ['proxdeck'] });
    await container(202, 'leftover', { tags: ['proxdeck'], description: `made by Proxdeck\n\n${proxdeckMarker(ghost)}` });
    await container(203, 'golden-image');
    await makeTemplate(203);
    await gw.ds.getRepository(AppEntity).save({
      name: 'nginx', catalogId: 'nginx', version: '1.27.3', runtime: 'oci', hostname: 'managed', node: 'pve1', vmid: 201,
      status: 'running', cores: 1, memoryMb: 256, diskGb: 2, inputs: {}, httpPort: 80,
    });
  });

  afterAll(async () => {
    pve?.close();
    await gw?.close();
    await sim?.stop();
  });

  it('lists containers no app manages as candidates (not templates), with their labels and resources', async () => {
    const res = await request(gw.http).get('/api/v1/adoption/candidates').set(bearer(viewer)).expect(200);
    const candidates = res.body as AdoptionCandidateDto[];
    expect(candidates).toEqual([{ node: 'pve1', vmid: 200, name: 'wiki', status: 'running', tags: ['homelab'], cores: 2, memoryMb: 512, diskGb: 3 }]);
  });

  it('lists containers marked for an app that does not exist as orphans', async () => {
    const res = await request(gw.http).get('/api/v1/adoption/orphans').set(bearer(viewer)).expect(200);
    expect(res.body as OrphanContainerDto[]).toEqual([{ node: 'pve1', vmid: 202, name: 'leftover', status: 'stopped', appId: ghost }]);
  });

  it.each([
    ['a custom app without a port', { node: 'pve1', vmid: 200 }, 400, 'VALIDATION_FAILED', 'port'],
    ['a port out of range', { node: 'pve1', vmid: 200, port: 70000 }, 400, 'VALIDATION_FAILED', 'port'],
    ['a malformed hostname', { node: 'pve1', vmid: 200, port: 80, hostname: 'Not_OK' }, 400, 'VALIDATION_FAILED', 'hostname'],
    ['an unknown catalog entry', { node: 'pve1', vmid: 200, catalogId: 'no-such-app' }, 404, 'CATALOG_ENTRY_NOT_FOUND', 'catalogId'],
    ['an unknown node', { node: 'pve9', vmid: 200, port: 80 }, 422, 'NODE_NOT_FOUND', 'node'],
    ['a VMID with no container', { node: 'pve1', vmid: 999, port: 80 }, 404, 'ADOPTION_CANDIDATE_NOT_FOUND', 'vmid'],
    ['a container on another node', { node: 'pve2', vmid: 200, port: 80 }, 404, 'ADOPTION_CANDIDATE_NOT_FOUND', 'vmid'],
    ['a container template', { node: 'pve1', vmid: 203, port: 80 }, 404, 'ADOPTION_CANDIDATE_NOT_FOUND', 'vmid'],
    ['a container an app manages', { node: 'pve1', vmid: 201, port: 80, hostname: 'other' }, 409, 'CONTAINER_ALREADY_MANAGED', 'vmid'],
    ['a hostname an app has', { node: 'pve1', vmid: 200, port: 80, hostname: 'managed' }, 409, 'APP_HOSTNAME_TAKEN', 'hostname'],
  ])('refuses %s with a problem naming the field, creating nothing', async (_what, body, status, code, field) => {
    const before = await counts();
    const res = await adopt(body).expect(status);
    expect(res.body).toMatchObject({ status, code });
    expect(res.body.errors).toHaveProperty([field]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a viewer (403) and changes nothing', async () => {
    const before = await counts();
    const res = await adopt({ node: 'pve1', vmid: 200, port: 80 }, viewer).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('adopts a custom container: 202, the app row from its config, a queued adopt job; it is no candidate any more', async () => {
    const res = await adopt({ node: 'pve1', vmid: 200, port: 80 }).expect(202);
    const { app, operation } = res.body as AcceptedOperationDto;
    expect(app).toMatchObject({
      name: 'wiki', hostname: 'wiki', catalogId: CUSTOM_CATALOG_ID, version: 'unknown', node: 'pve1', vmid: 200, adopted: true,
      status: 'provisioning', resources: { cores: 2, memoryMb: 512, diskGb: 3 },
    });
    expect(operation).toMatchObject({ type: 'adopt', state: 'queued', appId: app?.id });
    expect(operation.steps.map((s) => s.name)).toEqual(['inspect', 'mark', 'network', 'health']);
    expect(await gw.ds.getRepository(AppEntity).findOneByOrFail({ id: app?.id })).toMatchObject({ httpPort: 80, adopted: true });
    expect(await gw.ds.getRepository(AuditEventEntity).countBy({ action: 'app.adopt', target: app?.id })).toBe(1);

    const connection = createRedisConnection(gw.redisUrl);
    const queue = new Queue(OPERATIONS_QUEUE, { connection, prefix: gw.redisPrefix });
    try {
      expect((await queue.getJob(operation.id))?.name).toBe('adopt');
    } finally {
      await queue.close();
      await connection.quit();
    }

    const candidates = await request(gw.http).get('/api/v1/adoption/candidates').set(bearer(viewer)).expect(200);
    expect(candidates.body).toEqual([]);
    const again = await adopt({ node: 'pve1', vmid: 200, port: 80, hostname: 'wiki-2' }).expect(409);
    expect(again.body.code).toBe('CONTAINER_ALREADY_MANAGED');
  });

  it('adopts an orphan as a catalog app under a new hostname, taking the port from the entry', async () => {
    const res = await adopt({ node: 'pve1', vmid: 202, catalogId: 'nginx', hostname: 'rescued' }).expect(202);
    const { app } = res.body as AcceptedOperationDto;
    expect(app).toMatchObject({ hostname: 'rescued', catalogId: 'nginx', name: expect.any(String), vmid: 202, adopted: true });
    expect(await gw.ds.getRepository(AppEntity).findOneByOrFail({ id: app?.id })).toMatchObject({ httpPort: 80 });
  });
});
