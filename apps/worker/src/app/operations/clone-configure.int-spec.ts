import type { AppEntity, OperationEntity } from '@proxdeck/server-database';
import { parseEnv, parseProxdeckMarker } from '@proxdeck/server-proxmox';
import { waitFor } from '@proxdeck/server-testing';
import { WorkerHarness } from '../../test/worker-harness';
import { ContainerActions } from '../processors/container-actions';
import { AppLock } from './app-lock';
import { NGINX_1_27_3_ENV } from '../../test/image-env';

describe('clone and configure through the worker (real Postgres, Redis, pve-sim)', () => {
  const h = new WorkerHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());
  afterEach(() => h.sim.admin('DELETE', '/_sim/faults'));

  const pve = () => h.get(ContainerActions).pve;

  async function deployed(hostname: string, overrides: Partial<AppEntity> = {}): Promise<AppEntity> {
    const app = await h.insertApp(hostname, overrides);
    const deploy = await h.runOperation('deploy', app);
    expect(deploy.error).toBeNull();
    return h.appRow(app.id);
  }

  /** The new app row as the gateway writes it for a clone: the source's settings, a new hostname. */
  function copyRow(source: AppEntity, hostname: string, overrides: Partial<AppEntity> = {}): Promise<AppEntity> {
    const { name, catalogId, version, runtime, node, cores, memoryMb, diskGb, inputs, secretsEncrypted, envOverrides, httpPort } = source;
    return h.insertApp(hostname, { name, catalogId, version, runtime, node, cores, memoryMb, diskGb, inputs, secretsEncrypted, envOverrides, httpPort, ...overrides });
  }

  async function removeAll(...apps: AppEntity[]): Promise<void> {
    for (const app of apps) expect((await h.runOperation('delete', await h.appRow(app.id))).state).toBe('succeeded');
    const inv = await h.inventory();
    expect(inv.containers).toEqual([]);
    expect(inv.volumes.filter((v) => v.content !== 'vztmpl')).toEqual([]);
  }

  async function snapshotNames(app: AppEntity): Promise<string[]> {
    const list = await pve().listSnapshots(app.node ?? '', app.vmid ?? 0);
    return list.map((s) => s.name).filter((n) => n !== 'current');
  }

  async function page(ip: string | null, path = '/'): Promise<{ status: number; text: string }> {
    const res = await fetch(`http://${ip}:80${path}`);
    return { status: res.status, text: await res.text() };
  }

  describe('clone', () => {
    it('copies a running app from a temporary snapshot, removed afterwards: both serve their pages with the same data', async () => {
      const source = await deployed('web-src', { envOverrides: { GREETING: 'hello' } });
      expect((await fetch(`http://${source.ip}:80/.sim-data/marker`, { method: 'PUT', body: 'from-the-source' })).status).toBe(200);
      const copy = await copyRow(source, 'web-copy');

      const clone = await h.runOperation('clone', copy, { sourceAppId: source.id });
      expect(clone.error).toBeNull();
      expect(clone.steps.map((s) => [s.name, s.state])).toEqual(
        ['reserve', 'snapshot', 'clone', 'configure', 'start', 'network', 'health', 'cleanup'].map((n) => [n, 'done']),
      );
      const logs = await h.logs(clone);
      const snapname = `proxdeck_clone_${clone.id.slice(0, 8)}`;
      expect(logs.some((l) => l.includes(`Snapshot ${snapname} of web-src: done`))).toBe(true);
      expect(logs.some((l) => l.includes(`Removing snapshot ${snapname} of web-src: done`))).toBe(true);
      expect(await snapshotNames(source)).toEqual([]);

      const row = await h.appRow(copy.id);
      expect(row).toMatchObject({ status: 'running', hasRun: true, activeOperationId: null, node: source.node, cores: source.cores });
      expect(row.vmid).not.toBe(source.vmid);
      expect((await page(row.ip)).text).toContain('web-copy');
      expect((await page(source.ip)).text).toContain('web-src');
      expect(await page(row.ip, '/.sim-data/marker')).toEqual({ status: 200, text: 'from-the-source' });

      const config = await pve().containerConfig(row.node ?? '', row.vmid ?? 0);
      expect(parseProxdeckMarker(config.description)).toBe(copy.id);
      expect(config.hostname).toBe('web-copy');
      expect(config.tags).toContain('proxdeck');
      expect(parseEnv(config.env)).toEqual({ ...NGINX_1_27_3_ENV, GREETING: 'hello' });

      const inv = await h.inventory();
      expect(inv.containers.map((c) => [c.hostname, c.status, c.lock ?? null]).sort()).toEqual([
        ['web-copy', 'running', null],
        ['web-src', 'running', null],
      ]);
      expect(await h.appRow(source.id)).toMatchObject({ status: 'running', activeOperationId: null });
      await removeAll(source, copy);
    });

    it('copies a stopped app directly, without a snapshot', async () => {
      const source = await deployed('cold-src');
      expect((await h.runOperation('stop', source)).state).toBe('succeeded');
      const copy = await copyRow(await h.appRow(source.id), 'cold-copy');

      const clone = await h.runOperation('clone', copy, { sourceAppId: source.id });
      expect(clone.error).toBeNull();
      expect(clone.steps.find((s) => s.name === 'snapshot')?.state).toBe('skipped');
      expect((await h.logs(clone)).some((l) => l.includes('cold-src is stopped'))).toBe(true);
      const row = await h.appRow(copy.id);
      expect(row.status).toBe('running');
      expect((await page(row.ip)).text).toContain('cold-copy');

      const inv = await h.inventory();
      expect(inv.containers.map((c) => [c.hostname, c.status]).sort()).toEqual([['cold-copy', 'running'], ['cold-src', 'stopped']]);
      expect(await snapshotNames(source)).toEqual([]);
      expect(await h.appRow(source.id)).toMatchObject({ status: 'stopped' });
      await removeAll(source, copy);
    });

    it('a copy that fails to start is undone: only the source is left, running, without the snapshot; the hostname is free', async () => {
      const source = await deployed('keep-src');
      const copy = await copyRow(source, 'doomed-copy');
      await h.sim.admin('POST', '/_sim/faults', { kind: 'task-fail', taskType: 'vzstart', message: 'startup for container failed: simulated', times: 1 });

      const clone = await h.runOperation('clone', copy, { sourceAppId: source.id });
      expect(clone.state).toBe('failed');
      expect(clone.error).toContain('startup for container failed: simulated');
      expect(clone.steps.find((s) => s.name === 'start')?.state).toBe('failed');
      expect((await h.logs(clone)).some((l) => l.startsWith('Clone failed and was undone'))).toBe(true);

      expect(await h.app(copy.id)).toBeNull();
      const inv = await h.inventory();
      expect(inv.containers.map((c) => [c.hostname, c.vmid, c.status, c.lock ?? null])).toEqual([['keep-src', source.vmid, 'running', null]]);
      expect(await snapshotNames(source)).toEqual([]);
      expect((await page(source.ip)).text).toContain('keep-src');
      expect(await h.appRow(source.id)).toMatchObject({ status: 'running', statusReason: null });

      const again = await copyRow(source, 'doomed-copy'); // the hostname can be used again
      expect((await h.runOperation('clone', again, { sourceAppId: source.id })).state).toBe('succeeded');
      await removeAll(source, again);
    });

    it('waits while another operation holds the source, then copies it', async () => {
      const source = await deployed('held-src');
      const copy = await copyRow(source, 'held-copy');
      const held = await h.get(AppLock).tryAcquire(source.id);
      if (!held) throw new Error('the source lock should be free');
      let op: OperationEntity;
      try {
        op = await h.queueOperation('clone', copy, { sourceAppId: source.id });
        await waitFor(async () => ((await h.logs(op)).some((l) => l.startsWith('Waiting for the app to clone')) ? true : undefined), 'the clone to wait for its source');
        expect(op.steps.every((s) => s.state === 'pending')).toBe(true);
        expect((await h.inventory()).containers).toHaveLength(1);
      } finally {
        await held.release();
      }
      expect((await h.waitForOperation(op)).state).toBe('succeeded');
      await removeAll(source, copy);
    });

    it('resumes after a transient Proxmox error without a second snapshot or copy', async () => {
      const source = await deployed('retry-src');
      const copy = await copyRow(source, 'retry-copy');
      // The copy's first config change answers 503 once: that attempt fails after the clone was made.
      await h.sim.admin('POST', '/_sim/faults', { kind: 'http-error', status: 503, method: 'PUT', path: '/lxc/\\d+/config$', times: 1 });
      const clone = await h.runOperation('clone', copy, { sourceAppId: source.id });
      expect(clone.error).toBeNull();
      const logs = await h.logs(clone);
      expect(logs.filter((l) => l.startsWith('Attempt 1 failed'))).toHaveLength(1);
      expect(logs.filter((l) => /^Snapshot \S+ of retry-src: done$/.test(l))).toHaveLength(1);
      expect(logs.filter((l) => /^Full clone of .*: done$/.test(l))).toHaveLength(1);
      expect(clone.upids.filter((u) => u.includes(':vzclone:'))).toHaveLength(1);
      expect((await h.inventory()).containers.map((c) => c.hostname).sort()).toEqual(['retry-copy', 'retry-src']);
      expect(await snapshotNames(source)).toEqual([]);
      await removeAll(source, copy);
    });

    it('onto another node without shared storage (all of the simulator\'s is node-local) fails saying so, leaving nothing', async () => {
      const source = await deployed('local-src', { node: 'pve1' });
      const copy = await copyRow(source, 'remote-copy', { node: 'pve2' });
      const clone = await h.runOperation('clone', copy, { sourceAppId: source.id });
      expect(clone.state).toBe('failed');
      expect(clone.error).toBe('Proxmox clones to another node only onto shared storage, and pve2 has none with room for container disks; clone local-src onto pve1 instead.');
      expect(await h.app(copy.id)).toBeNull();
      expect((await h.inventory()).containers.map((c) => c.hostname)).toEqual(['local-src']);
      expect(await snapshotNames(source)).toEqual([]);
      await removeAll(source);
    });
  });

  describe('configure', () => {
    let app: AppEntity;
    beforeAll(async () => {
      app = await deployed('tune');
    });
    afterAll(() => removeAll(app));

    it('applies cores and memory live: no reboot, nothing pending, the row says what Proxmox holds', async () => {
      const op = await h.runOperation('configure', await h.appRow(app.id), { cores: 2, memoryMb: 512 });
      expect(op.error).toBeNull();
      expect(op.steps.map((s) => [s.name, s.state])).toEqual([['resources', 'done'], ['disk', 'skipped'], ['env', 'skipped'], ['restart', 'skipped']]);
      const config = await pve().containerConfig(app.node ?? '', app.vmid ?? 0, { current: true });
      expect(config).toMatchObject({ cores: 2, memory: 512 });
      expect(await pve().containerPending(app.node ?? '', app.vmid ?? 0)).not.toContainEqual(expect.objectContaining({ pending: expect.anything() }));
      expect(await h.appRow(app.id)).toMatchObject({ cores: 2, memoryMb: 512, pendingChanges: [], status: 'running', activeOperationId: null });
      expect((await h.logs(op)).some((l) => l.includes('Rebooting'))).toBe(false);
    });

    it('grows the root disk, and asking for the same size again changes nothing', async () => {
      const op = await h.runOperation('configure', await h.appRow(app.id), { diskGb: 4 });
      expect(op.error).toBeNull();
      expect((await pve().containerConfig(app.node ?? '', app.vmid ?? 0)).rootfs).toMatch(/size=4G/);
      expect(await h.appRow(app.id)).toMatchObject({ diskGb: 4, status: 'running' });

      const same = await h.runOperation('configure', await h.appRow(app.id), { diskGb: 4 });
      expect(same.state).toBe('succeeded');
      expect((await h.logs(same)).some((l) => l.includes('already 4 GB'))).toBe(true);
    });

    it('writes env changes to the container and reboots to apply them; null removes a value', async () => {
      const op = await h.runOperation('configure', await h.appRow(app.id), { env: { GREETING: 'hi', MODE: 'fast' } });
      expect(op.error).toBeNull();
      expect(op.steps.find((s) => s.name === 'restart')?.state).toBe('done');
      expect((await h.logs(op)).some((l) => l.startsWith('Rebooting container'))).toBe(true);
      const config = await pve().containerConfig(app.node ?? '', app.vmid ?? 0, { current: true });
      expect(parseEnv(config.env)).toEqual({ ...NGINX_1_27_3_ENV, GREETING: 'hi', MODE: 'fast' });
      let row = await h.appRow(app.id);
      expect(row).toMatchObject({ envOverrides: { GREETING: 'hi', MODE: 'fast' }, pendingChanges: [], status: 'running' });
      expect((await page(row.ip)).status).toBe(200);

      const removal = await h.runOperation('configure', row, { env: { MODE: null } });
      expect(removal.error).toBeNull();
      expect(parseEnv((await pve().containerConfig(app.node ?? '', app.vmid ?? 0, { current: true })).env)).toEqual({ ...NGINX_1_27_3_ENV, GREETING: 'hi' });
      row = await h.appRow(app.id);
      expect(row.envOverrides).toEqual({ GREETING: 'hi' });
    });

    it('on a stopped app saves env without a reboot (it applies at the next start)', async () => {
      expect((await h.runOperation('stop', await h.appRow(app.id))).state).toBe('succeeded');
      const op = await h.runOperation('configure', await h.appRow(app.id), { env: { GREETING: 'later' }, cores: 1 });
      expect(op.error).toBeNull();
      expect(op.steps.find((s) => s.name === 'restart')?.state).toBe('skipped');
      expect(parseEnv((await pve().containerConfig(app.node ?? '', app.vmid ?? 0, { current: true })).env)).toEqual({ ...NGINX_1_27_3_ENV, GREETING: 'later' });
      expect(await h.appRow(app.id)).toMatchObject({ status: 'stopped', cores: 1, pendingChanges: [] });
      expect((await h.runOperation('start', await h.appRow(app.id))).state).toBe('succeeded');
    });

    it('a shrink that got past the gateway is refused by the worker, changing nothing', async () => {
      const before = await h.appRow(app.id);
      const op = await h.runOperation('configure', before, { diskGb: 2 });
      expect(op.state).toBe('failed');
      expect(op.error).toContain('Proxmox cannot shrink a container disk');
      expect((await pve().containerConfig(app.node ?? '', app.vmid ?? 0)).rootfs).toMatch(/size=4G/);
      expect(await h.appRow(app.id)).toMatchObject({ diskGb: 4, status: 'running', statusReason: null });
    });
  });
});
