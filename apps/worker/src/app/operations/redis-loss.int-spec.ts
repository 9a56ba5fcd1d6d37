import { In } from 'typeorm';
import { createOperation, OperationEntity } from '@proxdeck/server-database';
import { ReconcileJob } from '../schedules/reconcile.job';
import { SchedulerService } from '../schedules/scheduler.service';
import { LOST_AFTER_MS } from '../reconcile/lost-jobs';
import { STUCK_AFTER_MS } from '../reconcile/stuck-operations';
import { WorkerHarness } from '../../test/worker-harness';

/**
 * Redis restarted without its data: the operations PostgreSQL still has as `queued` or `running`
 * are queued again and finish, and the schedulers come back; nothing waits for the 30-minute reaper.
 */
describe('Redis loses its data (real Postgres, Redis, pve-sim)', () => {
  const h = new WorkerHarness({ nodes: 1 });
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  /** An operation row whose job is gone, as old as one the queue lost a while ago. */
  const lostOperation = async (hostname: string) => {
    const app = await h.insertApp(hostname);
    const op = await createOperation(h.db.manager, { app, type: 'deploy', requestedBy: 'test', params: {} });
    await h.db.getRepository(OperationEntity).update({ id: op.id }, { createdAt: new Date(Date.now() - LOST_AFTER_MS - 1000) });
    return h.db.getRepository(OperationEntity).findOneByOrFail({ id: op.id });
  };

  it('the reconcile loop queues again an operation whose job is gone, and it finishes', async () => {
    const op = await lostOperation('lost-deploy');
    const fresh = await createOperation(h.db.manager, { app: await h.insertApp('just-created'), type: 'deploy', requestedBy: 'test', params: {} });
    const silent = await createOperation(h.db.manager, { app: await h.insertApp('long-silent'), type: 'deploy', requestedBy: 'test', params: {} });
    await h.db.getRepository(OperationEntity).update({ id: silent.id }, { createdAt: new Date(Date.now() - STUCK_AFTER_MS - 1000) });
    // Not the one the gateway may still be queuing, nor one silent for 30 minutes (the reaper fails that one).
    expect(await h.get(ReconcileJob).lostJobs.requeue()).toBe(1);
    const done = await h.waitForOperation(op);
    expect({ state: done.state, error: done.error }).toEqual({ state: 'succeeded', error: null });
    expect(await h.logs(done)).toContain('The job queue had lost this operation (Redis restarted without its data); it was queued again and goes on where it stopped.');
    expect((await h.db.getRepository(OperationEntity).findOneByOrFail({ id: fresh.id })).state).toBe('queued');
    await h.db.getRepository(OperationEntity).update({ id: In([fresh.id, silent.id]) }, { state: 'failed' });
  });

  it('after Redis was emptied, the worker registers its schedulers again and queues the lost operations', async () => {
    const scheduler = h.get(SchedulerService);
    expect(await scheduler.restoreLostSchedules()).toBe(false);
    const op = await lostOperation('after-flush');
    await h.emptyRedis();
    expect(await scheduler.schedules.schedulerIds()).toEqual([]);
    expect(await scheduler.restoreLostSchedules()).toBe(true);
    expect(await scheduler.schedules.schedulerIds()).toEqual(expect.arrayContaining(['update-check', 'retire-previous']));
    const done = await h.waitForOperation(op);
    expect(done.state).toBe('succeeded');
  });
});
