import { WorkerHarness } from '../../test/worker-harness';

/**
 * Proxmox never overwrites a template (pve-storage Status.pm L982: `refusing to override existing
 * file`, synchronously): two deploys of one image that both found it missing must both succeed,
 * the later one using what the first pulled.
 */
describe('pulling an image two deploys need at once (real Postgres, Redis, pve-sim)', () => {
  const h = new WorkerHarness({ nodes: 1 });
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('the deploy whose pull finds the file already there uses it', async () => {
    // Both look in the template storage before either pull, and one pull request arrives late.
    await h.sim.admin('POST', '/_sim/faults', { kind: 'latency', method: 'GET', path: '^/nodes/pve1/storage/local/content', ms: 300, times: 2 });
    await h.sim.admin('POST', '/_sim/faults', { kind: 'latency', method: 'POST', path: 'oci-registry-pull$', ms: 800, times: 1 });
    const [a, b] = [await h.insertApp('twin-a'), await h.insertApp('twin-b')];
    const ops = await Promise.all([h.queueOperation('deploy', a), h.queueOperation('deploy', b)]);
    const done = await Promise.all(ops.map((op) => h.waitForOperation(op)));
    expect(done.map((op) => [op.error, op.state])).toEqual([[null, 'succeeded'], [null, 'succeeded']]);
    const logs = (await Promise.all(done.map((op) => h.logs(op)))).flat();
    expect(logs.filter((l) => l === 'Image docker.io/library/nginx:1.27.3 was pulled meanwhile by another operation')).toHaveLength(1);
    const templates = (await h.inventory()).volumes.filter((v) => v.content === 'vztmpl').map((v) => v.volid);
    expect(templates).toEqual(['local:vztmpl/docker.io_library_nginx_1.27.3.tar']);
    for (const op of done) expect((await h.runOperation('delete', await h.appRow(op.appId ?? ''))).state).toBe('succeeded');
  });
});
