import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppEntity } from '@proxdeck/server-database';
import { PveTaskError, buildEnv, overlayEnv, parseEnv, type ContainerConfigChanges } from '@proxdeck/server-proxmox';
import { AppLock } from '../operations/app-lock';
import { reasonOf } from '../operations/failure-policy';
import type { OperationRun } from '../operations/operation-run';
import { appDescription, appEnvironment, tagsWithProxdeck } from './app-settings';
import { ContainerActions, sleep } from './container-actions';
import { net0WithAddress, reserveAddress, reservedAddress } from './address-pool';
import { chooseNode, chooseStorage, reserveVmid } from './container-placement';
import { OperationFailure } from './operation-failure';
import type { OperationProcessor } from './operation-processor';

/** `operation.params` of a clone, written by the gateway. The operation's app is the new one. */
export interface CloneParams {
  sourceAppId: string;
}

/** Where the source's container is, remembered so compensation finds its snapshot even if the source row changed. */
interface SourceContainer {
  id: string;
  hostname: string;
  node: string;
  vmid: number;
}

/** How long a clone waits for another operation on its source to finish before giving up. */
const SOURCE_WAIT_MS = 10 * 60_000;

/**
 * Clone (ARCHITECTURE.md "Other operations"): a full copy of the source's container as a new app
 * with the source's settings. A running source is copied from a temporary snapshot, removed
 * afterwards. The source's app lock is held throughout, so nothing else changes it meanwhile.
 */
@Injectable()
export class CloneProcessor implements OperationProcessor {
  readonly type = 'clone' as const;

  constructor(
    private readonly containers: ContainerActions,
    private readonly locks: AppLock,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async run(run: OperationRun): Promise<void> {
    const { sourceAppId } = run.operation.params as Partial<CloneParams>;
    if (!sourceAppId) throw new OperationFailure('The clone request names no source app.');
    await this.holdingSource(run, sourceAppId, async () => {
      const source = await this.source(run, sourceAppId);
      await run.step('reserve', () => this.reserve(run, source));
      await this.snapshotIfRunning(run, source);
      await run.step('clone', () => this.clone(run, source));
      await run.step('configure', () => this.configure(run));
      await run.step('start', () => this.containers.start(run));
      await run.step('network', async () => void (await this.containers.discoverIp(run)));
      await run.step('health', () => this.containers.checkHealth(run));
      await run.step('cleanup', () => this.removeSnapshot(run, source));
    });
    await run.updateApp({ status: 'running', statusReason: null, hasRun: true });
  }

  /** The source as the first attempt found it; later attempts and compensation use the same. */
  private async source(run: OperationRun, sourceAppId: string): Promise<SourceContainer> {
    const remembered = run.recall<SourceContainer>('source');
    if (remembered) return remembered;
    const row = await this.db.getRepository(AppEntity).findOneBy({ id: sourceAppId });
    if (!row) throw new OperationFailure('The app to clone no longer exists.');
    if (!row.node || row.vmid === null) throw new OperationFailure(`${row.hostname} has no container to clone.`);
    const source: SourceContainer = { id: row.id, hostname: row.hostname, node: row.node, vmid: row.vmid };
    await run.remember('source', source);
    return source;
  }

  /** The target node (the source's unless another was asked for), a storage there, and a VMID. */
  private async reserve(run: OperationRun, source: SourceContainer): Promise<void> {
    const node = await chooseNode(this.containers, run.app.node ?? source.node);
    const storage = node === source.node ? await chooseStorage(this.containers, node, run.app.diskGb) : await this.sharedStorage(run, node, source);
    await run.remember('storage', storage);
    await reserveAddress(run, this.db, this.containers.config.pve.network);
    const vmid = run.app.vmid ?? (await reserveVmid(run, this.containers, this.db, node));
    await run.updateApp({ node, vmid });
    await run.log(`Reserved ${node}, storage ${storage}, VMID ${vmid} for the copy of ${source.hostname}`);
  }

  /** Proxmox clones onto another node only when the disks land on storage both nodes see. */
  private async sharedStorage(run: OperationRun, node: string, source: SourceContainer): Promise<string> {
    try {
      return await chooseStorage(this.containers, node, run.app.diskGb, { shared: true });
    } catch (err) {
      if (!(err instanceof OperationFailure)) throw err;
      throw new OperationFailure(`Proxmox clones to another node only onto shared storage, and ${node} has none with room for container disks; clone ${source.hostname} onto ${source.node} instead.`);
    }
  }

  /** A running container can only be fully cloned from a snapshot; a stopped one is copied as it is. */
  private async snapshotIfRunning(run: OperationRun, source: SourceContainer): Promise<void> {
    const step = run.operation.steps.find((s) => s.name === 'snapshot');
    if (step?.state === 'done' || step?.state === 'skipped') return;
    const status = await this.containers.status(source.node, source.vmid);
    if (!status) throw new OperationFailure(`The container of ${source.hostname} (${source.vmid}) no longer exists on ${source.node}.`);
    if (status.status !== 'running') {
      return run.skip('snapshot', `${source.hostname} is stopped: its disks are copied directly, without a snapshot`);
    }
    await run.step('snapshot', async () => {
      const snapname = `proxdeck_clone_${run.operation.id.slice(0, 8)}`;
      // Remembered before it exists, so compensation looks for it even after a crash mid-way.
      await run.remember('snapname', snapname);
      const snapshots = await this.containers.pve.listSnapshots(source.node, source.vmid);
      if (snapshots.some((s) => s.name === snapname)) return run.log(`Snapshot ${snapname} of ${source.hostname} already exists`);
      const upid = await this.containers.pve.createSnapshot(source.node, source.vmid, snapname, 'Temporary snapshot for a Proxdeck clone; removed when the clone ends.');
      await this.containers.runTask(run, `Snapshot ${snapname} of ${source.hostname}`, upid).catch((err: unknown) => {
        // Raw disks on directory/NFS storage have no snapshots, and Proxmox copies a running container only from one.
        if (err instanceof PveTaskError && /snapshot feature is not available/.test(err.exitstatus)) {
          throw new OperationFailure(`${source.hostname}'s disks are on storage that cannot take snapshots, and Proxmox copies a running container only from a snapshot: stop ${source.hostname} and clone it again.`);
        }
        throw err;
      });
    });
  }

  private async clone(run: OperationRun, source: SourceContainer): Promise<void> {
    const app = run.app;
    const { node, vmid } = this.containers.location(run);
    const earlier = run.recall<string>('cloneUpid');
    if (earlier) {
      // A resumed attempt: let the clone task of the last one end before judging what it left.
      await this.containers.pve.waitForTask(earlier).catch((err: unknown) => {
        if (!(err instanceof PveTaskError)) throw err;
      });
    }
    if (await this.containers.isOurs(node, vmid, app.id)) return run.log(`Container ${vmid} already exists`);
    if (await this.containers.status(node, vmid)) {
      throw new OperationFailure(`VMID ${vmid} on ${node} belongs to a container Proxdeck did not create.`);
    }
    const storage = run.recall<string>('storage');
    if (!storage) throw new Error('clone resumed without its reserved storage');
    const snapname = run.recall<string>('snapname');
    const upid = await this.containers.pve.cloneContainer(source.node, source.vmid, vmid, {
      full: true,
      hostname: app.hostname,
      // The marker from the start: a half-made clone is recognisably ours to destroy.
      description: appDescription(this.containers.catalogEntryOf(app), app),
      storage,
      target: node !== source.node ? node : undefined,
      snapname,
    });
    await run.remember('cloneUpid', upid);
    const from = snapname ? `snapshot ${snapname} of ${source.hostname}` : source.hostname;
    await this.containers.runTask(run, `Full clone of ${from} to ${vmid} on ${node}`, upid);
  }

  /** The copy's own settings: Proxdeck's tag and marker, the app's resources, env rendered for its hostname. */
  private async configure(run: OperationRun): Promise<void> {
    const app = run.app;
    const { node, vmid } = this.containers.location(run);
    const entry = this.containers.catalogEntryOf(app);
    const current = await this.containers.pve.containerConfig(node, vmid);
    const tags = tagsWithProxdeck(current.tags);
    const changes: ContainerConfigChanges = {
      tags,
      description: appDescription(entry, app),
      cores: app.cores,
      memory: app.memoryMb,
    };
    // A static pool: the copy must not come up on the source's address but on its own.
    const address = reservedAddress(run);
    if (address.ip !== 'dhcp') changes.net0 = net0WithAddress(address, this.containers.config.pve.bridge, current.net0);
    // An adopted custom app keeps the environment it was copied with: Proxdeck never managed it.
    if (entry?.runtime === 'oci') {
      // Over the copied env, which holds the image's own variables (PATH and the like) beside the app's.
      const env = overlayEnv(parseEnv(current.env), appEnvironment(entry, app, this.containers.config.secret));
      if (Object.keys(env).length > 0) changes.env = buildEnv(env);
      else if (current.env) changes.delete = ['env'];
    }
    await this.containers.pve.updateContainerConfig(node, vmid, changes);
    await run.log(`Container ${vmid} configured: ${app.cores} cores, ${app.memoryMb} MB, tags ${tags}`);
  }

  private async removeSnapshot(run: OperationRun, source: SourceContainer): Promise<void> {
    const snapname = run.recall<string>('snapname');
    if (!snapname) return run.log('No temporary snapshot to remove');
    if (!(await this.containers.status(source.node, source.vmid))) return run.log(`${source.hostname}'s container is gone, and its snapshot with it`);
    const snapshots = await this.containers.pve.listSnapshots(source.node, source.vmid);
    if (!snapshots.some((s) => s.name === snapname)) return run.log(`Snapshot ${snapname} is already removed`);
    const upid = await this.containers.pve.deleteSnapshot(source.node, source.vmid, snapname);
    await this.containers.runTask(run, `Removing snapshot ${snapname} of ${source.hostname}`, upid);
  }

  /**
   * Runs `work` holding the source's app lock, waiting while another operation has it: the source
   * must not be stopped, changed or deleted while its disks are copied.
   */
  private async holdingSource(run: OperationRun, sourceAppId: string, work: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + SOURCE_WAIT_MS;
    let told = false;
    for (;;) {
      const lock = await this.locks.tryAcquire(sourceAppId);
      if (lock) {
        try {
          return await work();
        } finally {
          await lock.release();
        }
      }
      if (Date.now() > deadline) {
        throw new OperationFailure(`The app to clone stayed busy with another operation for ${SOURCE_WAIT_MS / 60_000} minutes; try the clone again later.`);
      }
      if (!told) await run.log('Waiting for the app to clone to finish its current operation');
      told = true;
      await sleep(1000);
    }
  }

  /** Nothing is left behind: the temporary snapshot, the half-made copy and the new app row (its hostname free again). */
  async compensate(run: OperationRun, reason: string): Promise<void> {
    const source = run.recall<SourceContainer>('source');
    if (source && run.recall<string>('snapname')) {
      // Reported, not thrown: the copy must still go even when the snapshot cannot.
      await this.holdingSource(run, source.id, () => this.removeSnapshot(run, source)).catch((err: unknown) =>
        run.log(`The temporary snapshot of ${source.hostname} could not be removed (${reasonOf(err)}); remove it in Proxmox.`, 'error'));
    }
    if (run.hasApp) {
      const { node, vmid, id } = run.app;
      if (node && vmid !== null && (await this.containers.isOurs(node, vmid, id))) {
        const status = await this.containers.status(node, vmid);
        if (status?.status === 'running') {
          await this.containers.runTask(run, `Stopping container ${vmid}`, await this.containers.pve.stopContainer(node, vmid));
        }
        await this.containers.runTask(run, `Removing container ${vmid}`, await this.containers.pve.deleteContainer(node, vmid, { purge: true, force: true }));
      }
    }
    await run.log(`Clone failed and was undone: ${reason}`, 'error');
    await run.removeApp();
  }
}
