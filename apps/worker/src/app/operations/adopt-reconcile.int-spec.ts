import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { AppEntity, OperationEntity, createOperation } from '@proxdeck/server-database';
import { buildNet0, parseProxdeckMarker, parseTags, proxdeckMarker, type PveClient } from '@proxdeck/server-proxmox';
import { EventPublisher } from '@proxdeck/server-queue';
import { CUSTOM_CATALOG_ID } from '@proxdeck/shared-contracts';
import { WorkerHarness } from '../../test/worker-harness';
import { ContainerActions } from '../processors/container-actions';
import { nodeOfflineReason, lockedReason, goneReason, STOPPED_OUTSIDE_REASON, INTERRUPTED_NO_CONTAINER_REASON } from '../reconcile/app-status-rules';
import { STUCK_AFTER_MS } from '../reconcile/stuck-operations';
import { ReconcileJob } from '../schedules/reconcile.job';
import { AppLock } from './app-lock';

const IMAGE = 'docker.io/library/nginx:1.27.3';

describe('adoption and the reconcile loop (real Postgres, Redis, pve-sim)', () => {
  const h = new WorkerHarness();
  let pve: PveClient;
  let ostemplate: string;

  beforeAll(async () => {
    await h.start();
    pve = h.get(ContainerActions).pve;
    await pve.waitForTask(await pve.pullOciImage('pve1', 'local', IMAGE));
    ostemplate = (await pve.storageContent('pve1', 'local', 'vztmpl')).find((v) => v.volid.includes('nginx_1.27.3'))?.volid ?? '';
  });
  afterAll(() => h.stop());

  /** A container made in Proxmox by hand, as a person with an existing homelab has them. */
  async function foreignContainer(vmid: number, hostname: string, opts: { start: boolean; tags?: string[]; description?: string }): Promise<void> {
    await pve.waitForTask(await pve.createContainer('pve1', {
      vmid, ostemplate, hostname, cores: 2, memory: 512, rootfs: 'local-lvm:3', net0: buildNet0({ bridge: 'vmbr0', ip: 'dhcp' }),
      tags: opts.tags, description: opts.description, start: opts.start,
    }));
  }

  /** The app row as `POST /adoption` writes it. */
  function adoptionRow(hostname: string, vmid: number, custom: boolean): Promise<AppEntity> {
    return h.insertApp(hostname, {
      name: custom ? hostname : 'nginx', catalogId: custom ? CUSTOM_CATALOG_ID : 'nginx', version: custom ? 'unknown' : '1.27.3',
      node: 'pve1', vmid, adopted: true, httpPort: 80, cores: 2, memoryMb: 512, diskGb: 3,
    });
  }

  async function removeContainer(vmid: number): Promise<void> {
    const status = await pve.containerStatus('pve1', vmid);
    if (status.status === 'running') await pve.waitForTask(await pve.stopContainer('pve1', vmid));
    await pve.waitForTask(await pve.deleteContainer('pve1', vmid, { purge: true }));
  }

  const leftovers = async () => {
    const inv = await h.inventory();
    return { containers: inv.containers.map((c) => c.vmid), volumes: inv.volumes.filter((v) => v.content !== 'vztmpl').map((v) => v.volid) };
  };

  it('adopts a running container as a catalog app (tag and marker added, its own labels kept), then stops, starts and deletes it', async () => {
    await foreignContainer(300, 'my-web', { start: true, tags: ['homelab'], description: 'My own web server' });
    const app = await adoptionRow('my-web', 300, false);

    const adopt = await h.runOperation('adopt', app);
    expect(adopt.error).toBeNull();
    expect(adopt.steps.map((s) => `${s.name}:${s.state}`)).toEqual(['inspect:done', 'mark:done', 'network:done', 'health:done']);
    const row = await h.appRow(app.id);
    expect(row).toMatchObject({ status: 'running', adopted: true, hasRun: true, activeOperationId: null, ip: expect.stringMatching(/^127\./) });
    const config = await pve.containerConfig('pve1', 300);
    expect(parseTags(config.tags).sort()).toEqual(['homelab', 'proxdeck']);
    expect(config.description).toContain('My own web server');
    expect(parseProxdeckMarker(config.description)).toBe(app.id);

    expect((await h.runOperation('stop', await h.appRow(app.id))).state).toBe('succeeded');
    expect((await pve.containerStatus('pve1', 300)).status).toBe('stopped');
    expect((await h.runOperation('start', await h.appRow(app.id))).state).toBe('succeeded');
    expect(await h.appRow(app.id)).toMatchObject({ status: 'running' });

    // Adopted means managed: deleting the app destroys its container like a deployed one's.
    expect((await h.runOperation('delete', await h.appRow(app.id))).state).toBe('succeeded');
    expect(await h.app(app.id)).toBeNull();
    expect(await leftovers()).toEqual({ containers: [], volumes: [] });
  });

  it('adopts a stopped container as a custom app by its port, and health-checks the port when it is started', async () => {
    await foreignContainer(301, 'legacy', { start: false });
    const app = await adoptionRow('legacy', 301, true);

    const adopt = await h.runOperation('adopt', app);
    expect(adopt.error).toBeNull();
    expect(await h.appRow(app.id)).toMatchObject({ status: 'stopped', catalogId: CUSTOM_CATALOG_ID, hasRun: false });
    expect(await h.logs(adopt)).toContain('The container is stopped; it is health-checked when it starts');

    const start = await h.runOperation('start', await h.appRow(app.id));
    expect(start.error).toBeNull();
    expect((await h.logs(start)).some((l) => l.includes('expecting any answer below 500'))).toBe(true);
    expect(await h.appRow(app.id)).toMatchObject({ status: 'running', hasRun: true });

    // Managed now: it can be resized and cloned like a catalog app, without a catalog entry.
    const configure = await h.runOperation('configure', await h.appRow(app.id), { memoryMb: 1024, diskGb: 4 });
    expect(configure.error).toBeNull();
    expect(await h.appRow(app.id)).toMatchObject({ memoryMb: 1024, diskGb: 4 });
    const copy = await h.insertApp('legacy-copy', { name: 'legacy', catalogId: CUSTOM_CATALOG_ID, version: 'unknown', node: 'pve1', httpPort: 80, cores: 2, memoryMb: 1024, diskGb: 4 });
    const clone = await h.runOperation('clone', copy, { sourceAppId: app.id });
    expect(clone.error).toBeNull();
    const copied = await h.appRow(copy.id);
    expect(copied).toMatchObject({ status: 'running', catalogId: CUSTOM_CATALOG_ID });
    expect((await pve.containerConfig('pve1', copied.vmid ?? 0)).description).toContain(`Managed by Proxdeck: legacy unknown`);

    expect((await h.runOperation('delete', copied)).state).toBe('succeeded');
    expect((await h.runOperation('delete', await h.appRow(app.id))).state).toBe('succeeded');
    expect(await leftovers()).toEqual({ containers: [], volumes: [] });
  });

  it('a failed adoption removes only what it added: the container keeps running with its own tags and description', async () => {
    await foreignContainer(302, 'precious', { start: true, tags: ['keep-me'], description: 'Do not touch' });
    const before = await pve.containerConfig('pve1', 302);
    await h.sim.admin('POST', '/_sim/faults', { kind: 'http-error', status: 400, path: '^/nodes/pve1/lxc/302/interfaces', method: 'GET', message: 'simulated interfaces failure' });
    try {
      const app = await adoptionRow('precious', 302, false);
      const adopt = await h.runOperation('adopt', app);
      expect(adopt.state).toBe('failed');
      expect(adopt.steps.find((s) => s.name === 'mark')?.state).toBe('done');
      expect(adopt.steps.find((s) => s.name === 'network')?.state).toBe('failed');
      expect(await h.app(app.id)).toBeNull();
      expect((await h.logs(adopt)).some((l) => l.includes('Removed the tag and marker'))).toBe(true);
    } finally {
      await h.sim.admin('DELETE', '/_sim/faults');
    }
    const after = await pve.containerConfig('pve1', 302);
    expect(after.tags).toBe(before.tags);
    expect(after.description).toBe(before.description);
    expect(parseProxdeckMarker(after.description)).toBeNull();
    expect((await pve.containerStatus('pve1', 302)).status).toBe('running');
    await removeContainer(302);
  });

  it('reconciles status from one cluster read: stopped outside, locked, node offline, started outside, destroyed outside', async () => {
    const job = h.get(ReconcileJob);
    const app = await h.insertApp('watched', { node: 'pve1' });
    expect((await h.runOperation('deploy', app)).state).toBe('succeeded');
    const { vmid, node } = await h.appRow(app.id);
    if (vmid === null || !node) throw new Error('deploy left no container');

    await job.handle();
    expect(await h.appRow(app.id)).toMatchObject({ status: 'running', statusReason: null }); // nothing to change

    const published = jest.spyOn(h.get(EventPublisher), 'publish');
    const appUpdates = () => published.mock.calls.map(([e]) => e).filter((e) => e.type === 'app.updated' && e.app.id === app.id);
    try {
      await pve.waitForTask(await pve.stopContainer(node, vmid));
      await job.handle();
      expect(await h.appRow(app.id)).toMatchObject({ status: 'stopped', statusReason: STOPPED_OUTSIDE_REASON });
      expect(appUpdates()).toEqual([expect.objectContaining({ app: expect.objectContaining({ status: 'stopped', statusReason: STOPPED_OUTSIDE_REASON }) })]);
      await job.handle();
      expect(appUpdates()).toHaveLength(1); // published on change only
    } finally {
      published.mockRestore();
    }

    await h.sim.admin('POST', '/_sim/faults', { kind: 'lock', vmid, lock: 'backup' });
    await job.handle();
    expect(await h.appRow(app.id)).toMatchObject({ status: 'stopped', statusReason: lockedReason(vmid, 'backup') });
    await h.sim.admin('DELETE', '/_sim/faults');

    await h.sim.admin('POST', '/_sim/faults', { kind: 'node-offline', node });
    await job.handle();
    expect(await h.appRow(app.id)).toMatchObject({ status: 'stopped', statusReason: nodeOfflineReason(node) });
    await h.sim.admin('DELETE', '/_sim/faults');
    await job.handle();
    expect(await h.appRow(app.id)).toMatchObject({ status: 'stopped', statusReason: null });

    await pve.waitForTask(await pve.startContainer(node, vmid));
    await job.handle();
    expect(await h.appRow(app.id)).toMatchObject({ status: 'running', statusReason: null, ip: expect.stringMatching(/^127\./) });

    await pve.waitForTask(await pve.stopContainer(node, vmid));
    await pve.waitForTask(await pve.deleteContainer(node, vmid, { purge: true }));
    await job.handle();
    expect(await h.appRow(app.id)).toMatchObject({ status: 'missing', statusReason: goneReason(vmid) });

    expect((await h.runOperation('delete', await h.appRow(app.id))).state).toBe('succeeded');
    expect(await leftovers()).toEqual({ containers: [], volumes: [] });
  });

  it('leaves apps with an operation in flight to that operation', async () => {
    const app = await h.insertApp('busy', { status: 'running', node: 'pve1', vmid: 399 });
    await createOperation(h.db.manager, { app, type: 'start', requestedBy: 'test' }); // queued, not enqueued: nobody runs it
    await h.get(ReconcileJob).handle();
    expect(await h.appRow(app.id)).toMatchObject({ status: 'running', statusReason: null });
    await h.db.getRepository(AppEntity).delete({ id: app.id });
  });

  it('fails operations stuck past the deadline and releases their app, unless a worker still holds the app', async () => {
    const ops = h.db.getRepository(OperationEntity);
    const longAgo = new Date(Date.now() - STUCK_AFTER_MS - 60_000);
    const stuckApp = await h.insertApp('stuck');
    const stuck = await createOperation(h.db.manager, { app: stuckApp, type: 'deploy', requestedBy: 'test' });
    await ops.update({ id: stuck.id }, { state: 'running', createdAt: longAgo, startedAt: longAgo });
    const heldApp = await h.insertApp('held');
    const held = await createOperation(h.db.manager, { app: heldApp, type: 'deploy', requestedBy: 'test' });
    await ops.update({ id: held.id }, { state: 'running', createdAt: longAgo, startedAt: longAgo });
    const recentApp = await h.insertApp('recent');
    const recent = await createOperation(h.db.manager, { app: recentApp, type: 'deploy', requestedBy: 'test' });

    const lock = await h.get(AppLock).tryAcquire(heldApp.id);
    try {
      await h.get(ReconcileJob).handle();
    } finally {
      await lock?.release();
    }

    const failed = await ops.findOneByOrFail({ id: stuck.id });
    expect(failed).toMatchObject({ state: 'failed', error: expect.stringContaining('made no progress for 30 minutes') });
    // Released, then settled from Proxmox in the same cycle: the deploy never made a container.
    expect(await h.appRow(stuckApp.id)).toMatchObject({ activeOperationId: null, status: 'missing', statusReason: INTERRUPTED_NO_CONTAINER_REASON });
    expect((await ops.findOneByOrFail({ id: held.id })).state).toBe('running');
    expect((await ops.findOneByOrFail({ id: recent.id })).state).toBe('queued');
    await h.db.getRepository(AppEntity).delete([stuckApp.id, heldApp.id, recentApp.id]);
    await ops.update({ id: held.id }, { state: 'failed' });
    await ops.update({ id: recent.id }, { state: 'failed' });
  });

  it('reports a container marked for an app that does not exist as an orphan, once', async () => {
    const ghost = randomUUID();
    await foreignContainer(303, 'ghost', { start: false, tags: ['proxdeck'], description: `left behind\n\n${proxdeckMarker(ghost)}` });
    const job = h.get(ReconcileJob);
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      await job.handle();
      await job.handle();
      expect(job.orphans.reportedAppIds.has(ghost)).toBe(true);
      expect(warn.mock.calls.filter(([msg]) => String(msg).includes(ghost) || JSON.stringify(msg).includes(ghost))).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
    await removeContainer(303);
    await job.handle();
    expect(await leftovers()).toEqual({ containers: [], volumes: [] });
  });
});
