import { OperationEntity, OperationLogEntity } from '@proxdeck/server-database';
import { waitFor } from '@proxdeck/server-testing';
import { WorkerHarness } from '../../test/worker-harness';
import { SchedulerService } from '../schedules/scheduler.service';
import { AppLock } from './app-lock';

describe('app lifecycle through the worker (real Postgres, Redis, pve-sim)', () => {
  const h = new WorkerHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('deploys nginx, serves its page, stops, starts, restarts and deletes it without leaving anything behind', async () => {
    const app = await h.insertApp('web-1');

    const deploy = await h.runOperation('deploy', app);
    expect(deploy.error).toBeNull();
    expect(deploy.state).toBe('succeeded');
    expect(deploy.steps.map((s) => s.state)).toEqual(Array(6).fill('done'));
    let row = await h.app(app.id);
    expect(row).toMatchObject({ status: 'running', hasRun: true, activeOperationId: null });
    expect(row?.ip).toMatch(/^127\./);
    const page = await fetch(`http://${row?.ip}:80/`);
    expect(await page.text()).toContain('Welcome to nginx!');
    const ct = (await h.inventory()).containers.find((c) => c.vmid === row?.vmid);
    expect(ct).toMatchObject({ hostname: 'web-1', status: 'running' });
    expect(ct?.tags).toContain('proxdeck');
    // The AUTO default policy backs every new app up nightly: its scheduler exists from the deploy on.
    const schedulers = () => h.get(SchedulerService).schedules.schedulerIds();
    expect(await schedulers()).toContain(`backup:${app.id}`);

    const stop = await h.runOperation('stop', await h.appRow(app.id));
    expect(stop.state).toBe('succeeded');
    expect(await h.app(app.id)).toMatchObject({ status: 'stopped' });
    await expect(fetch(`http://${row?.ip}:80/`)).rejects.toThrow();

    expect((await h.runOperation('start', await h.appRow(app.id))).state).toBe('succeeded');
    expect(await h.app(app.id)).toMatchObject({ status: 'running' });

    expect((await h.runOperation('restart', await h.appRow(app.id))).state).toBe('succeeded');
    row = await h.app(app.id);
    expect(row).toMatchObject({ status: 'running' });

    const del = await h.runOperation('delete', await h.appRow(app.id));
    expect(del.state).toBe('succeeded');
    expect(await h.app(app.id)).toBeNull();
    expect(await schedulers()).not.toContain(`backup:${app.id}`);
    const inv = await h.inventory();
    expect(inv.containers).toEqual([]);
    expect(inv.volumes.filter((v) => v.content !== 'vztmpl')).toEqual([]);
  });

  it('an operation whose app another worker holds waits its turn for as long as that takes, then runs', async () => {
    const app = await h.insertApp('waits-1');
    // Held longer than the job's three attempts with their backoff (2 s, 4 s) would last: waiting
    // must not spend them, or the operation would stay queued with no job left to run it.
    const held = await h.get(AppLock).tryAcquire(app.id);
    expect(held).not.toBeNull();
    const deploy = await h.queueOperation('deploy', app);
    await waitFor(async () => ((await h.jobStarts(deploy.id)) > 3 ? true : undefined), 'the job taken up more often than it has attempts', 30_000);
    expect(await h.db.getRepository(OperationEntity).findOneByOrFail({ id: deploy.id })).toMatchObject({ state: 'queued', startedAt: null });
    await held?.release();
    const done = await h.waitForOperation(deploy);
    expect(done.state).toBe('succeeded');
    expect((await h.runOperation('delete', await h.appRow(app.id))).state).toBe('succeeded');
    expect((await h.inventory()).containers).toEqual([]);
  }, 60_000);

  it('a deploy whose container fails to start ends failed with the reason and leaves no container, IP or hostname', async () => {
    await h.sim.admin('POST', '/_sim/faults', { kind: 'task-fail', taskType: 'vzstart', message: 'startup for container failed: simulated' });
    try {
      const app = await h.insertApp('doomed');
      const deploy = await h.runOperation('deploy', app);
      expect(deploy.state).toBe('failed');
      expect(deploy.error).toContain('startup for container failed: simulated');
      expect(deploy.steps.find((s) => s.name === 'start')?.state).toBe('failed');
      expect(await h.app(app.id)).toBeNull(); // hostname, VMID and IP are free again
      expect((await h.inventory()).containers).toEqual([]);
      const logs = await h.db.getRepository(OperationLogEntity).findBy({ operationId: deploy.id });
      expect(logs.some((l) => l.level === 'error' && l.message.includes('undone'))).toBe(true);

      const again = await h.insertApp('doomed'); // the hostname can be used again
      await h.sim.admin('DELETE', '/_sim/faults');
      expect((await h.runOperation('deploy', again)).state).toBe('succeeded');
      expect((await h.runOperation('delete', await h.appRow(again.id))).state).toBe('succeeded');
    } finally {
      await h.sim.admin('DELETE', '/_sim/faults');
    }
  });
});
