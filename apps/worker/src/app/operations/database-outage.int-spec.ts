import { OperationEntity } from '@proxdeck/server-database';
import { startPrivatePostgres, type PrivatePostgres, waitFor } from '@proxdeck/server-testing';
import { WorkerHarness } from '../../test/worker-harness';

/**
 * PostgreSQL restarts in the middle of a deploy (a server of this test's own, never the shared
 * one): the worker waits the outage out without spending its attempts, and the deploy completes.
 * Before, three attempts went in six seconds and the operation sat `running` for half an hour.
 */
describe('PostgreSQL down for a while during a deploy (own PostgreSQL, Redis, pve-sim)', () => {
  let pg: PrivatePostgres;
  let h: WorkerHarness;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    h = new WorkerHarness({ nodes: 1, taskSpeed: 1, databaseServerUrl: pg.url });
    await h.start();
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
    pg?.destroy();
  });

  it('waits it out and completes the deploy, saying so in its log', async () => {
    const op = await h.queueOperation('deploy', await h.insertApp('outage'));
    // Down while the container is being created (a 3 s task at speed 1).
    await waitFor(async () => ((await h.db.getRepository(OperationEntity).findOneByOrFail({ id: op.id })).steps.find((s) => s.name === 'create')?.state === 'running' ? true : undefined), 'the create step', 30_000, 20);
    pg.stop();
    await new Promise((r) => setTimeout(r, 12_000));
    pg.start();
    const done = await h.waitForOperation(op, 120_000);
    expect({ state: done.state, error: done.error }).toEqual({ state: 'succeeded', error: null });
    expect((await h.logs(done)).some((l) => /^The database was unreachable for \d+ s; the operation waited and goes on where it stopped\.$/.test(l))).toBe(true);
    expect((await h.appRow(op.appId ?? '')).status).toBe('running');
  }, 180_000);
});
