import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BackupEntity } from '@proxdeck/server-database';
import { PROXDECK_TAG, PveTaskError, proxdeckMarker, type RestoreContainerParams } from '@proxdeck/server-proxmox';
import type { CatalogEntry } from '@proxdeck/shared-catalog';
import { dataVolumeKeys, destroyContainer } from '../updates/container-swap';
import type { OperationRun } from '../operations/operation-run';
import { appEnvironment } from './app-settings';
import { archiveExists, readAppSettings, type BackupAppSettings } from './backup-archives';
import { ContainerActions } from './container-actions';
import { writeAppEnvironment } from './container-environment';
import { net0WithAddress, reserveAddress, reservedAddress } from './address-pool';
import { chooseStorage, reserveVmid } from './container-placement';
import { OperationFailure } from './operation-failure';
import { droppedLxcOptions, rebuildFromImage, rememberedRebuild, type RestoreRebuild } from './restore-rebuild';
import type { OperationProcessor } from './operation-processor';

type RestoreTarget = 'new' | 'in-place';

// Facts a resumed restore needs (operation.context).
const STORAGE = 'restore.storage';
const WAS_RUNNING = 'restore.wasRunning';
const OVERWRITE = 'restore.overwrite';
const UPID = 'restore.upid';
const RESTORED = 'restore.done';
const DROPPED_LXC = 'restore.droppedLxcOptions';

/**
 * A backup back into a container (ARCHITECTURE.md "restore"). Into a new app: a fresh VMID, the
 * archive restored with new MACs and the new app's hostname and marker, started, health-checked.
 * In place: the archive is checked first, then the container stopped, restored over with
 * `force=1` (or recreated when it is gone), started, health-checked; the app takes the backup's
 * settings. The gateway has already refused an in-place restore over an existing app without
 * `overwrite: true`.
 */
@Injectable()
export class RestoreProcessor implements OperationProcessor {
  readonly type = 'restore' as const;

  constructor(
    private readonly containers: ContainerActions,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async run(run: OperationRun): Promise<void> {
    const target: RestoreTarget = run.operation.params['target'] === 'new' ? 'new' : 'in-place';
    const backup = await this.backupOf(run);
    const settings = readAppSettings(backup);
    await run.step('reserve', () => (target === 'new' ? this.reserveNew(run, backup) : this.reserveInPlace(run, backup)));
    if (run.recall<boolean>(OVERWRITE)) await run.step('stop', () => this.containers.stop(run));
    else await run.skip('stop', target === 'new' ? 'A new container: nothing to stop' : 'The container is gone: nothing to stop');
    await run.step('restore', () => this.restore(run, backup, settings, target));
    const rebuild = await this.rebuildNeeded(run);
    if (typeof rebuild === 'string') await run.skip('rebuild', rebuild);
    else await run.step('rebuild', () => rebuildFromImage(this.containers, this.db, run, rebuild, settings.version));
    await run.step('start', () => this.containers.start(run));
    await run.step('network', async () => void (await this.containers.discoverIp(run)));
    await run.step('health', () => this.containers.checkHealth(run));
    // The new app's backup schedule is set by the runner once the operation succeeded.
    await run.updateApp({ status: 'running', statusReason: null, hasRun: true });
  }

  private async backupOf(run: OperationRun): Promise<BackupEntity> {
    const id = run.operation.params['backupId'];
    const backup = typeof id === 'string' ? await this.db.getRepository(BackupEntity).findOneBy({ id }) : null;
    if (!backup) throw new OperationFailure('The backup to restore no longer exists; nothing was changed.');
    return backup;
  }

  /** Fails, before anything is touched, when the archive is not on its storage (deleted outside Proxdeck). */
  private async requireArchive(run: OperationRun, backup: BackupEntity, node: string): Promise<void> {
    if (await archiveExists(this.containers.pve, node, backup.storage, backup.volid)) return;
    const where = node === backup.node ? `storage ${backup.storage} on ${node}` : `storage ${backup.storage} as seen from ${node} (it was made on ${backup.node})`;
    throw new OperationFailure(`The archive ${backup.volid} is no longer on ${where}, so it cannot be restored; ${run.app.hostname} was not changed. Delete this backup and restore another one.`);
  }

  private async reserveNew(run: OperationRun, backup: BackupEntity): Promise<void> {
    const node = run.app.node ?? backup.node;
    await this.requireArchive(run, backup, node);
    const storage = await chooseStorage(this.containers, node, run.app.diskGb);
    await run.remember(STORAGE, storage);
    await reserveAddress(run, this.db, this.containers.config.pve.network);
    const vmid = run.app.vmid ?? (await reserveVmid(run, this.containers, this.db, node));
    await run.updateApp({ node, vmid });
    await run.log(`Restoring ${backup.volid} as ${run.app.hostname}: ${node}, storage ${storage}, VMID ${vmid}`);
  }

  /** The app's own container (restored over) or, when it is gone, its VMID again (or a new one if another guest took it). */
  private async reserveInPlace(run: OperationRun, backup: BackupEntity): Promise<void> {
    const app = run.app;
    const current = app.node && app.vmid !== null ? await this.containers.status(app.node, app.vmid) : null;
    if (current && app.node && app.vmid !== null) {
      if (!(await this.containers.isOurs(app.node, app.vmid, app.id))) {
        throw new OperationFailure(`VMID ${app.vmid} on ${app.node} holds a container Proxdeck did not create; ${app.hostname} was not changed.`);
      }
      await this.requireArchive(run, backup, app.node);
      const config = await this.containers.pve.containerConfig(app.node, app.vmid);
      const storage = config.rootfs?.split(':')[0] || (await chooseStorage(this.containers, app.node, app.diskGb));
      await run.remember(STORAGE, storage);
      await run.remember(WAS_RUNNING, current.status === 'running');
      await run.remember(OVERWRITE, true);
      return run.log(`Restoring ${backup.volid} over container ${app.vmid} on ${app.node} (storage ${storage})`);
    }
    const node = backup.node;
    await this.requireArchive(run, backup, node);
    const storage = await chooseStorage(this.containers, node, app.diskGb);
    await run.remember(STORAGE, storage);
    const vmid = app.vmid !== null && (await this.containers.pve.vmidAvailable(app.vmid)) ? app.vmid : await reserveVmid(run, this.containers, this.db, node);
    await run.updateApp({ node, vmid });
    await run.log(`The container of ${app.hostname} is gone: recreating it from ${backup.volid} on ${node} as VMID ${vmid} (storage ${storage})`);
  }

  private async restore(run: OperationRun, backup: BackupEntity, settings: BackupAppSettings, target: RestoreTarget): Promise<void> {
    const pve = this.containers.pve;
    const { node, vmid } = this.containers.location(run);
    const storage = run.recall<string>(STORAGE);
    if (!storage) throw new Error('restore resumed without its reserved storage');
    if (run.recall<boolean>(RESTORED)) return run.log(`Container ${vmid} was already restored`);
    let upid = run.recall<string>(UPID);
    if (!upid) {
      const params: RestoreContainerParams = {
        vmid,
        archive: backup.volid,
        storage,
        force: run.recall<boolean>(OVERWRITE) === true,
        hostname: run.app.hostname,
        tags: [PROXDECK_TAG],
        description: `Managed by Proxdeck: ${settings.name} ${settings.version}\n\n${proxdeckMarker(run.app.id)}`,
      };
      if (target === 'new') {
        params.unique = true; // new MAC addresses: the source may still be running
        // A static pool: the new app's own address, not the archive's (the source may hold it).
        const address = reservedAddress(run);
        if (address.ip !== 'dhcp') params.net0 = net0WithAddress(address, this.containers.config.pve.bridge);
      }
      upid = await pve.restoreContainer(node, params);
      await run.remember(UPID, upid);
      await run.recordUpid(upid);
      await run.log(`Restoring ${backup.volid} into container ${vmid} on ${node}: Proxmox task ${upid}`);
    }
    try {
      const warnings = await this.containers.reportWarnings(run, upid, await pve.waitForTask(upid));
      if (droppedLxcOptions(warnings)) await run.remember(DROPPED_LXC, true);
    } catch (err) {
      if (!(err instanceof PveTaskError)) throw err;
      await run.remember(UPID, null);
      throw new OperationFailure(`Restoring ${backup.volid} failed: ${err.exitstatus}.`);
    }
    // A new app's env is rendered again for its hostname (URLs in it name the app), over the
    // archive's (which holds the image's own variables too); appliance templates and adopted
    // custom apps (no catalog entry) keep the archive's.
    const entry = target === 'new' ? this.containers.catalogEntryOf(run.app) : null;
    if (entry?.runtime === 'oci') {
      await writeAppEnvironment(this.containers, node, vmid, { env: appEnvironment(entry, run.app, this.containers.config.secret) });
    }
    await run.remember(RESTORED, true);
    await run.log(`Container ${vmid} restored from ${backup.volid}`);
    if (target === 'in-place') {
      // The container is the backup's now: so are the app's settings.
      await run.updateApp({
        version: settings.version, cores: settings.cores, memoryMb: settings.memoryMb, diskGb: settings.diskGb,
        httpPort: settings.httpPort ?? run.app.httpPort, inputs: settings.inputs, envOverrides: settings.envOverrides,
        secretsEncrypted: settings.secretsEncrypted, pendingChanges: [],
      });
    }
  }

  /**
   * The catalog entry whose image the restored container is made from again (restore-rebuild.ts),
   * or why not: Proxmox kept the raw lxc options (root@pam), the app has no image (an appliance
   * template, an adopted container), or no data volumes (its data is on the root disk, which
   * Proxmox cannot hand to another container: LXC.pm L2726 "Cannot move to/from 'rootfs'").
   */
  private async rebuildNeeded(run: OperationRun): Promise<(CatalogEntry & { image: string }) | string> {
    const entry = this.imageEntry(run);
    if (rememberedRebuild(run) && entry) return entry;
    if (!run.recall<boolean>(DROPPED_LXC)) return 'Proxmox restored the container as it was';
    const asRoot = 'so it runs its app as root from /, without its image\'s user and working directory';
    if (!entry) return `The app has no image to make its container from again, ${asRoot}`;
    const { node, vmid } = this.containers.location(run);
    if (dataVolumeKeys(await this.containers.pve.containerConfig(node, vmid)).length === 0) {
      return `The app keeps its data on the root disk, which Proxmox cannot hand to another container, ${asRoot}`;
    }
    return entry;
  }

  private imageEntry(run: OperationRun): (CatalogEntry & { image: string }) | null {
    const entry = this.containers.catalogEntryOf(run.app);
    return entry?.runtime === 'oci' && entry.image ? { ...entry, image: entry.image } : null;
  }

  async compensate(run: OperationRun, reason: string): Promise<void> {
    if (!run.hasApp) return;
    if (run.operation.params['target'] === 'new') return this.undoNew(run, reason);
    const { node, vmid } = run.app;
    const touched = run.recall<string>(UPID) !== undefined || run.recall<boolean>(RESTORED) === true;
    if (!touched) {
      // The old container was at most stopped: it goes back to how it was.
      const current = node && vmid !== null ? await this.containers.status(node, vmid).catch(() => undefined) : undefined;
      if (current && current.status !== 'running' && run.recall<boolean>(WAS_RUNNING)) {
        await this.containers.start(run).catch((err: unknown) => run.log(`Could not start container ${vmid} again: ${String(err)}`, 'warn'));
      }
      const after = node && vmid !== null ? await this.containers.status(node, vmid).catch(() => undefined) : null;
      if (after === null) return run.updateApp({ status: 'missing', statusReason: `${reason} The container no longer exists in Proxmox.` });
      if (after) return run.updateApp({ status: after.status === 'running' ? 'running' : 'stopped' });
      return run.updateApp({ status: 'error', statusReason: reason });
    }
    const rebuild = rememberedRebuild(run);
    if (rebuild && run.app.vmid !== rebuild.to) await this.sayWhereTheDataIs(run, rebuild);
    return this.containers.reflectRealState(run, reason);
  }

  /** A rebuild that stopped halfway: the data volumes may be on either container; nothing is destroyed while it holds one. */
  private async sayWhereTheDataIs(run: OperationRun, rebuild: RestoreRebuild): Promise<void> {
    for (const vmid of [rebuild.from, rebuild.to]) {
      const config = await this.containers.pve.containerConfig(rebuild.node, vmid).catch(() => null);
      const volumes = config ? dataVolumeKeys(config) : [];
      if (volumes.length) await run.log(`Container ${vmid} on ${rebuild.node} holds data volumes ${volumes.join(', ')} of the restore`, 'warn');
    }
  }

  /** Like a failed deploy: the half-made container goes, and with the app row its hostname and VMID are free again. */
  private async undoNew(run: OperationRun, reason: string): Promise<void> {
    const { node, vmid } = run.app;
    // The restored container and, when a rebuild began, the one made from the image: both are copies of the archive.
    const rebuild = rememberedRebuild(run);
    const made = [...new Set([vmid, rebuild?.from, rebuild?.to].filter((v): v is number => typeof v === 'number'))];
    if (node) for (const id of made) await destroyContainer(this.containers, run, node, id);
    await run.log(`Restore failed and was undone: ${reason}`, 'error');
    await run.removeApp();
  }
}
