import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  PROXDECK_TAG, buildMountPoint, buildRootfs, type PveVolume,
} from '@proxdeck/server-proxmox';
import type { CatalogEntry } from '@proxdeck/shared-catalog';
import type { OperationRun } from '../operations/operation-run';
import { ensureOciImage } from '../updates/oci-image';
import { appContainerOptions, appDescription, appEnvironment } from './app-settings';
import { ContainerActions } from './container-actions';
import { nodeFeatures, writeAppEnvironment } from './container-environment';
import { net0WithAddress, reserveAddress, reservedAddress } from './address-pool';
import { chooseNode, chooseStorage, reserveVmid } from './container-placement';
import { OperationFailure } from './operation-failure';
import type { OperationProcessor } from './operation-processor';

/** Deploy of a catalog entry (ARCHITECTURE.md "Deploy"): an OCI image or a Proxmox appliance template. */
@Injectable()
export class DeployProcessor implements OperationProcessor {
  readonly type = 'deploy' as const;

  constructor(private readonly containers: ContainerActions, @InjectDataSource() private readonly db: DataSource) {}

  async run(run: OperationRun): Promise<void> {
    const entry = this.containers.catalogEntry(run.app.catalogId);
    const image = entry.runtime === 'oci' ? entry.image : undefined;
    const template = entry.runtime === 'template' ? entry.template : undefined;
    if (!image && !template) {
      throw new OperationFailure(`${entry.name} has neither an image nor a template to deploy from.`);
    }
    await run.step('reserve', () => this.reserve(run));
    await run.step('image', () => (image ? this.ensureImage(run, image) : this.ensureTemplate(run, template ?? '')));
    await run.step('create', () => this.create(run, entry));
    await run.step('start', () => this.containers.start(run));
    await run.step('network', async () => void (await this.containers.discoverIp(run)));
    await run.step('health', () => this.containers.checkHealth(run));
    await run.updateApp({ status: 'running', statusReason: null, hasRun: true });
  }

  /** Node with the most free memory (unless one was asked for), a rootdir storage, an address (static pool) and a free VMID. */
  private async reserve(run: OperationRun): Promise<void> {
    const node = await chooseNode(this.containers, run.app.node);
    const storage = await chooseStorage(this.containers, node, run.app.diskGb);
    await run.remember('storage', storage);
    await reserveAddress(run, this.db, this.containers.config.pve.network);
    const vmid = run.app.vmid ?? (await reserveVmid(run, this.containers, this.db, node));
    await run.updateApp({ node, vmid });
    await run.log(`Reserved ${node}, storage ${storage}, VMID ${vmid}`);
  }

  /** Pulls the image into the template storage unless it is cached there; images are shared by apps. */
  private async ensureImage(run: OperationRun, image: string): Promise<void> {
    await run.remember('ostemplate', await ensureOciImage(this.containers, run, this.containers.location(run).node, image));
  }

  /**
   * Appliance templates (`runtime: template`, e.g. TurnKey) come from the node's aplinfo index: downloaded
   * once into the template storage, then shared by every app that uses them.
   */
  private async ensureTemplate(run: OperationRun, template: string): Promise<void> {
    const node = this.containers.location(run).node;
    const storage = this.containers.config.pve.templateStorage;
    const cached = await this.findTemplate(node, storage, template);
    if (cached) {
      await run.remember('ostemplate', cached);
      return run.log(`Template ${template} is already in ${storage}`);
    }
    const offered = await this.containers.pve.applianceTemplates(node);
    if (!offered.some((t) => t.template === template)) {
      throw new OperationFailure(`Proxmox on ${node} does not offer the appliance template ${template}; run "pveam update" on the node.`);
    }
    const upid = await this.containers.pve.downloadApplianceTemplate(node, storage, template);
    await this.containers.runTask(run, `Downloading template ${template}`, upid);
    const downloaded = await this.findTemplate(node, storage, template);
    if (!downloaded) throw new OperationFailure(`The template ${template} was downloaded but does not show in ${storage} on ${node}.`);
    await run.remember('ostemplate', downloaded);
  }

  private async findTemplate(node: string, storage: string, template: string): Promise<string | null> {
    const volumes: PveVolume[] = await this.containers.pve.storageContent(node, storage, 'vztmpl');
    return volumes.find((v) => v.volid === `${storage}:vztmpl/${template}`)?.volid ?? null;
  }

  /** The container, then the app's env and entrypoint over the image's own (see writeAppEnvironment). */
  private async create(run: OperationRun, entry: CatalogEntry): Promise<void> {
    const app = run.app;
    const { node, vmid } = this.containers.location(run);
    const { entrypoint, dev } = appContainerOptions(entry, app);
    if (await this.containers.isOurs(node, vmid, app.id)) {
      await run.log(`Container ${vmid} already exists`);
    } else {
      if (await this.containers.status(node, vmid)) {
        throw new OperationFailure(`VMID ${vmid} on ${node} belongs to a container Proxdeck did not create.`);
      }
      await this.createContainer(run, entry, dev);
    }
    if (entry.runtime === 'oci') {
      await writeAppEnvironment(this.containers, node, vmid, { env: appEnvironment(entry, app, this.containers.config.secret), entrypoint });
      await run.log(`Environment of ${entry.name} written over the image's own`);
    }
  }

  private async createContainer(run: OperationRun, entry: CatalogEntry, dev: Record<number, string> | undefined): Promise<void> {
    const app = run.app;
    const { node, vmid } = this.containers.location(run);
    const storage = run.recall<string>('storage');
    const ostemplate = run.recall<string>('ostemplate');
    if (!storage || !ostemplate) throw new Error('deploy resumed without its reserved storage or image');
    // Data volumes go into backups (backup=1), and take the owner of the image's directory where
    // the node can (keepattrs, pve-container 6.1.2+), so an image that runs as a user can write them.
    const { keepattrs } = entry.volumes.length > 0 ? await nodeFeatures(this.containers, node) : { keepattrs: false };
    const mp: Record<number, string> = {};
    entry.volumes.forEach((v, i) => (mp[i] = buildMountPoint(storage, Math.max(1, Math.ceil(v.sizeGb)), v.path, { backup: true, keepattrs })));
    const upid = await this.containers.pve.createContainer(node, {
      vmid,
      ostemplate,
      hostname: app.hostname,
      cores: app.cores,
      memory: app.memoryMb,
      swap: Math.min(512, app.memoryMb),
      rootfs: buildRootfs(storage, app.diskGb),
      mp,
      net0: net0WithAddress(reservedAddress(run), this.containers.config.pve.bridge),
      dev,
      tags: [PROXDECK_TAG],
      description: appDescription(entry, app),
      unprivileged: true,
    });
    await this.containers.runTask(run, `Creating container ${vmid} on ${node}`, upid);
  }

  /** Nothing is left behind: the half-made container is destroyed and the app row (hostname, VMID, pool address) freed. */
  async compensate(run: OperationRun, reason: string): Promise<void> {
    if (!run.hasApp) return;
    const { node, vmid, id } = run.app;
    if (node && vmid !== null && (await this.containers.isOurs(node, vmid, id))) {
      const status = await this.containers.status(node, vmid);
      if (status?.status === 'running') {
        await this.containers.runTask(run, `Stopping container ${vmid}`, await this.containers.pve.stopContainer(node, vmid));
      }
      await this.containers.runTask(run, `Removing container ${vmid}`, await this.containers.pve.deleteContainer(node, vmid, { purge: true, force: true }));
    }
    await run.log(`Deploy failed and was undone: ${reason}`, 'error');
    await run.removeApp();
  }
}
