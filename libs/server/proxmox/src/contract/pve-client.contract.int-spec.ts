/**
 * Contract suite: the same expectations against pve-sim (default) and a real PVE 9.1+ (set
 * PVE_URL, PVE_TOKEN_ID, PVE_TOKEN_SECRET, PVE_NODE). Tests run in order and share one
 * container; whatever happens, afterAll removes every container the suite created.
 */
import { randomUUID } from 'node:crypto';
import { buildEnv, buildNet0, buildRootfs } from '../lib/lxc-builders';
import { PveClient } from '../lib/pve-client';
import { PveError } from '../lib/pve-error';
import { PveTaskError } from '../lib/pve-task.errors';
import { PROXDECK_TAG, parseProxdeckMarker, withProxdeckMarker } from '../lib/proxdeck-marker';
import { parseTags } from '../lib/container-params';
import type { PveVolume } from '../lib/pve.types';
import { realPveRequested, resolveContractTarget, type ContractTarget } from './contract-target';
import { startPveSim } from '@proxdeck/server-testing';

const ON_SIM = !realPveRequested();
const TASK_TIMEOUT_MS = ON_SIM ? 30_000 : 5 * 60_000;

let target: ContractTarget;
let pve: PveClient;
let rootdirStorage: string;
let templateStorage: string;
let ostemplate: string;
let vmid: number;
const created = new Set<number>();
const appId = randomUUID();

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

function matchesImage(volume: PveVolume, image: string): boolean {
  const [repo, tag] = image.split('/').pop()?.split(':') ?? [];
  return volume.content === 'vztmpl' && volume.volid.includes(repo) && volume.volid.includes(tag);
}

/** Best effort: stop and purge one container of ours. */
async function removeContainer(id: number): Promise<void> {
  try {
    const status = await pve.containerStatus(target.node, id);
    if (status.status === 'running') await pve.waitForTask(await pve.stopContainer(target.node, id), { timeoutMs: TASK_TIMEOUT_MS });
    await pve.waitForTask(await pve.deleteContainer(target.node, id, { purge: true, force: true }), { timeoutMs: TASK_TIMEOUT_MS });
  } catch (err) {
    if (err instanceof PveError && err.kind === 'not-found') return;
    throw err;
  }
}

beforeAll(async () => {
  target = await resolveContractTarget();
  pve = new PveClient(target.settings, { taskPollMinMs: 50, taskPollMaxMs: ON_SIM ? 200 : 2_000 });
}, 60_000);

afterAll(async () => {
  const failures: unknown[] = [];
  if (pve) {
    for (const id of created) {
      await removeContainer(id).catch((err: unknown) => failures.push(err));
    }
    pve.close();
  }
  if (target?.sim) await target.sim.admin('DELETE', '/_sim/faults');
  await target?.stop();
  if (failures.length > 0) throw new Error(`cleanup failed: ${failures.map(String).join('; ')}`);
}, 10 * 60_000);

describe(`PveClient contract (${ON_SIM ? 'pve-sim' : 'real PVE'})`, () => {
  it('reads the version', async () => {
    const version = await pve.version();
    expect(version.version).toMatch(/^\d+\.\d+/);
    expect(version.release).toMatch(/^\d+\.\d+/);
  });

  it('lists the nodes, including the target node online', async () => {
    const nodes = await pve.nodes();
    const mine = nodes.find((n) => n.node === target.node);
    expect(mine?.status).toBe('online');
    if (ON_SIM) expect(nodes).toHaveLength(2);
    const status = await pve.nodeStatus(target.node);
    expect(status.memory.total).toBeGreaterThan(0);
  });

  it('returns nextid as a number', async () => {
    const next = await pve.nextVmid();
    expect(typeof next).toBe('number');
    expect(Number.isInteger(next) && next >= 100).toBe(true);
    const free = await pve.findFreeVmid(target.vmidRange.from, target.vmidRange.to);
    expect(free).not.toBeNull();
    vmid = free as number;
  });

  it('lists storages with a rootdir and a vztmpl storage', async () => {
    const storages = await pve.storages(target.node);
    const usable = storages.filter((s) => s.active !== 0 && s.enabled !== 0);
    const has = (s: { content: string }, c: string): boolean => s.content.split(',').includes(c);
    rootdirStorage = target.rootdirStorage ?? usable.find((s) => has(s, 'rootdir'))?.storage ?? '';
    templateStorage = target.templateStorage ?? usable.find((s) => has(s, 'vztmpl'))?.storage ?? '';
    expect(rootdirStorage).not.toBe('');
    expect(templateStorage).not.toBe('');
    if (ON_SIM) expect({ rootdirStorage, templateStorage }).toEqual({ rootdirStorage: 'local-lvm', templateStorage: 'local' });
  });

  it('pulls an OCI image and waits for the task', async () => {
    const before = (await pve.storageContent(target.node, templateStorage, 'vztmpl')).find((v) => matchesImage(v, target.image));
    // A real PVE may already hold it from an earlier run; pulling again is not needed there.
    if (!before || ON_SIM) {
      const upid = await pve.pullOciImage(target.node, templateStorage, target.image);
      const progress: string[] = [];
      const done = await pve.waitForTask(upid, { timeoutMs: TASK_TIMEOUT_MS, onProgress: (s) => progress.push(s.status) });
      expect(done.exitstatus).toMatch(/^(OK|WARNINGS)/);
      expect(progress.at(-1)).toBe('stopped');
    }
    const volume = (await pve.storageContent(target.node, templateStorage, 'vztmpl')).find((v) => matchesImage(v, target.image));
    expect(volume).toBeDefined();
    ostemplate = (volume as PveVolume).volid;
  }, 15 * 60_000);

  it('lists the tags of the image repository, including the pulled tag', async () => {
    const tagAt = target.image.lastIndexOf(':');
    const tags = await pve.ociRepoTags(target.node, target.image.slice(0, tagAt));
    expect(tags).toContain(target.image.slice(tagAt + 1));
    expect(tags.every((t) => typeof t === 'string')).toBe(true);
  });

  it('rejects a bad parameter as invalid with field errors', async () => {
    const err = await rejectionOf(
      pve.createContainer(target.node, { vmid, ostemplate, memory: 8, rootfs: buildRootfs(rootdirStorage, 1) }),
    );
    created.add(vmid); // in case a broken target accepted it
    expect(err).toBeInstanceOf(PveError);
    expect(err).toMatchObject({ kind: 'invalid', status: 400, retryable: false });
    expect((err as PveError).fieldErrors?.['memory']).toMatch(/minimum/);
  });

  it('creates a container with rootfs on the rootdir storage and waits', async () => {
    const upid = await pve.createContainer(target.node, {
      vmid,
      ostemplate,
      hostname: `proxdeck-contract-${vmid}`,
      cores: 1,
      memory: 256,
      swap: 0,
      rootfs: buildRootfs(rootdirStorage, 2),
      net0: buildNet0(target.ip ? { bridge: target.bridge, ip: target.ip, gw: target.gw } : { bridge: target.bridge, ip: 'dhcp' }),
      env: buildEnv({ PROXDECK_CONTRACT: '1' }),
      tags: [PROXDECK_TAG, 'contract'],
      description: withProxdeckMarker('Created by the Proxdeck contract suite; safe to delete.', appId),
      unprivileged: true,
    });
    created.add(vmid);
    expect(upid).toMatch(/^UPID:/);
    const done = await pve.waitForTask(upid, { timeoutMs: TASK_TIMEOUT_MS });
    expect(done.exitstatus).toMatch(/^(OK|WARNINGS)/);

    const config = await pve.containerConfig(target.node, vmid);
    expect(config.digest).toMatch(/^[0-9a-f]{40}$/);
    expect(parseProxdeckMarker(config.description)).toBe(appId);
    expect(parseTags(config.tags)).toEqual(expect.arrayContaining([PROXDECK_TAG, 'contract']));
    expect(String(config.rootfs)).toMatch(new RegExp(`^${rootdirStorage}:`));
  }, 15 * 60_000);

  it('updates the config with its digest and refuses a stale digest as a conflict', async () => {
    const before = await pve.containerConfig(target.node, vmid);
    await pve.updateContainerConfig(target.node, vmid, { cores: 2 }, before.digest);
    const after = await pve.containerConfig(target.node, vmid);
    expect(after.cores).toBe(2);
    expect(after.digest).not.toBe(before.digest);
    const err = await rejectionOf(pve.updateContainerConfig(target.node, vmid, { cores: 1 }, before.digest));
    expect(err).toMatchObject({ kind: 'conflict', retryable: false });
    expect((err as PveError).pveMessage).toMatch(/detected modified configuration/);
  });

  it('reports the new container as stopped', async () => {
    const status = await pve.containerStatus(target.node, vmid);
    expect(status).toMatchObject({ vmid, status: 'stopped' });
    const list = await pve.listContainers(target.node);
    expect(list.find((c) => c.vmid === vmid)?.status).toBe('stopped');
    const resources = await pve.clusterResources('vm');
    expect(resources.find((r) => r.vmid === vmid)?.node).toBe(target.node);
  });

  it('has no interfaces while stopped', async () => {
    await expect(pve.containerInterfaces(target.node, vmid)).resolves.toBeNull();
  });

  it('starts the container and waits', async () => {
    const done = await pve.waitForTask(await pve.startContainer(target.node, vmid), { timeoutMs: TASK_TIMEOUT_MS });
    expect(done).toMatchObject({ status: 'stopped', type: 'vzstart' });
    expect(done.exitstatus).toMatch(/^(OK|WARNINGS)/);
  });

  it('reports it running', async () => {
    const status = await pve.containerStatus(target.node, vmid);
    expect(status.status).toBe('running');
  });

  it('refuses a second start as a conflict', async () => {
    const err = await rejectionOf(pve.startContainer(target.node, vmid));
    expect(err).toMatchObject({ kind: 'conflict', retryable: false });
  });

  it('lists eth0 with an IPv4 address', async () => {
    // DHCP on a real network takes a moment.
    const deadline = Date.now() + (ON_SIM ? 5_000 : 60_000);
    let eth0;
    do {
      const interfaces = await pve.containerInterfaces(target.node, vmid);
      eth0 = interfaces?.find((i) => i.name === 'eth0');
      if (eth0?.inet) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    } while (Date.now() < deadline);
    expect(eth0?.inet).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
  }, 90_000);

  it('shuts it down and waits', async () => {
    const done = await pve.waitForTask(await pve.shutdownContainer(target.node, vmid, 30, true), { timeoutMs: TASK_TIMEOUT_MS });
    expect(done.exitstatus).toMatch(/^(OK|WARNINGS)/);
    await expect(pve.containerStatus(target.node, vmid)).resolves.toMatchObject({ status: 'stopped' });
  }, 120_000);

  if (ON_SIM) {
    it('fails an injected start failure with PveTaskError carrying the message (sim only)', async () => {
      const message = `startup for container '${vmid}' failed - injected by the contract suite`;
      const injected = await target.sim?.admin('POST', '/_sim/faults', { kind: 'task-fail', taskType: 'vzstart', vmid, message });
      expect(injected?.status).toBe(201);
      const upid = await pve.startContainer(target.node, vmid);
      const err = await rejectionOf(pve.waitForTask(upid, { timeoutMs: TASK_TIMEOUT_MS }));
      expect(err).toBeInstanceOf(PveTaskError);
      expect(err).toMatchObject({ upid, exitstatus: message, taskType: 'vzstart' });
      expect((err as PveTaskError).logTail.join('\n')).toContain(message);
      await expect(pve.containerStatus(target.node, vmid)).resolves.toMatchObject({ status: 'stopped' });
    });
  }

  it('deletes it with purge and waits', async () => {
    const done = await pve.waitForTask(await pve.deleteContainer(target.node, vmid, { purge: true }), { timeoutMs: TASK_TIMEOUT_MS });
    expect(done.exitstatus).toMatch(/^(OK|WARNINGS)/);
    created.delete(vmid);
  }, 120_000);

  it('reports the deleted container as not-found', async () => {
    const err = await rejectionOf(pve.containerStatus(target.node, vmid));
    expect(err).toBeInstanceOf(PveError);
    expect(err).toMatchObject({ kind: 'not-found', retryable: false });
    expect((err as PveError).pveMessage).toMatch(/does not exist/);
  });

  if (ON_SIM || process.env['PVE_PASSWORD']) {
    it('logs in with a ticket (username/password) and sends CSRF on writes', async () => {
      const password = target.sim?.rootPassword ?? (process.env['PVE_PASSWORD'] as string);
      const username = process.env['PVE_USERNAME'] || 'root@pam';
      const ticketClient = new PveClient({ url: target.settings.url, verifyTls: target.settings.verifyTls, username, password });
      const wrong = new PveClient({ url: target.settings.url, verifyTls: target.settings.verifyTls, username, password: `${password}-wrong` });
      try {
        await expect(ticketClient.version()).resolves.toMatchObject({ release: expect.any(String) });
        // A POST with a ticket needs the CSRF header; a stopped-CT stop proves it passed auth.
        const err = await rejectionOf(ticketClient.stopContainer(target.node, vmid));
        expect(err).toMatchObject({ kind: 'conflict' });
        await expect(rejectionOf(wrong.version())).resolves.toMatchObject({ kind: 'auth', status: 401 });
      } finally {
        ticketClient.close();
        wrong.close();
      }
    }, 30_000);
  }

  if (ON_SIM) {
    it('keeps TLS verification per connection: self-signed is refused when verifying, accepted when not (sim only)', async () => {
      const tlsSim = await startPveSim({ nodes: 2, https: true });
      const settings = { url: tlsSim.url, tokenId: tlsSim.tokenId, tokenSecret: tlsSim.tokenSecret };
      const strict = new PveClient({ ...settings, verifyTls: true });
      const lenient = new PveClient({ ...settings, verifyTls: false });
      try {
        expect(tlsSim.url).toMatch(/^https:/);
        const err = await rejectionOf(strict.version());
        expect(err).toMatchObject({ kind: 'unreachable', retryable: false });
        expect((err as PveError).code).toMatch(/CERT|SELF_SIGNED/);
        await expect(lenient.version()).resolves.toMatchObject({ release: expect.any(String) });
        expect(process.env['NODE_TLS_REJECT_UNAUTHORIZED']).toBeUndefined();
      } finally {
        strict.close();
        lenient.close();
        await tlsSim.stop();
      }
    }, 60_000);
  }

  it('reports a wrong API token as auth', async () => {
    const intruder = new PveClient({ ...target.settings, tokenSecret: randomUUID() });
    try {
      const err = await rejectionOf(intruder.version());
      expect(err).toBeInstanceOf(PveError);
      expect(err).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    } finally {
      intruder.close();
    }
  }, 30_000);
});
