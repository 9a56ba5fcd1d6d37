import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppEntity, SecretBox } from '@proxdeck/server-database';
import {
  PROXDECK_TAG, buildEnv, buildMountPoint, buildNet0, buildRootfs, proxdeckMarker, type PveVolume,
} from '@proxdeck/server-proxmox';
import { deployInputValues, parseImageRef, renderEnv, type CatalogEntry } from '@proxdeck/shared-catalog';
import type { OperationRun } from '../operations/operation-run';
import { ContainerActions } from './container-actions';
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

  /** Node with the most free memory (unless one was asked for), a rootdir storage, and a free VMID. */
  private async reserve(run: OperationRun): Promise<void> {
    const pve = this.containers.pve;
    const nodes = (await pve.clusterResources('node')).filter((n) => n.status === 'online' && n.node);
    const requested = run.app.node;
    const node = requested
      ? nodes.find((n) => n.node === requested)?.node
      : nodes.sort((a, b) => free(b) - free(a))[0]?.node;
    if (!node) {
      throw new OperationFailure(requested ? `Node ${requested} is not online.` : 'No Proxmox node is online.');
    }
    const storage = await this.chooseStorage(node, run.app.diskGb);
    await run.remember('storage', storage);
    const vmid = run.app.vmid ?? (await this.reserveVmid(run, node));
    await run.updateApp({ node, vmid });
    await run.log(`Reserved ${node}, storage ${storage}, VMID ${vmid}`);
  }

  private async chooseStorage(node: string, diskGb: number): Promise<string> {
    const configured = this.containers.config.pve.storage;
    if (configured) return configured;
    const storages = await this.containers.pve.storages(node, { content: 'rootdir', enabled: true });
    const needed = diskGb * 1024 ** 3;
    const fit = storages.find((s) => s.content.split(',').includes('rootdir') && (s.avail ?? Infinity) >= needed);
    if (!fit) throw new OperationFailure(`No storage on ${node} holds container disks with ${diskGb} GB free.`);
    return fit.storage;
  }

  /** Proxmox's next free id, skipping ids other apps reserved but have not created yet. */
  private async reserveVmid(run: OperationRun, node: string): Promise<number> {
    let candidate = await this.containers.pve.nextVmid();
    for (let tries = 0; tries < 50; tries++, candidate++) {
      const taken = await this.db.getRepository(AppEntity).existsBy({ vmid: candidate });
      if (taken || !(await this.containers.pve.vmidAvailable(candidate))) continue;
      try {
        await run.updateApp({ node, vmid: candidate });
        return candidate;
      } catch (err) {
        if ((err as { code?: string }).code !== '23505') throw err; // another deploy took it this instant
      }
    }
    throw new OperationFailure('Could not find a free VMID after 50 tries.');
  }

  /** Pulls the image into the template storage unless it is cached there; images are shared by apps. */
  private async ensureImage(run: OperationRun, image: string): Promise<void> {
    const node = this.containers.location(run).node;
    const storage = this.containers.config.pve.templateStorage;
    const cached = await this.findImage(node, storage, image);
    if (cached) {
      await run.remember('ostemplate', cached);
      return run.log(`Image ${image} is cached as ${cached}`);
    }
    const upid = await this.containers.pve.pullOciImage(node, storage, image, { filename: imageFileName(image) });
    await this.containers.runTask(run, `Pulling ${image}`, upid);
    const pulled = await this.findImage(node, storage, image);
    if (!pulled) throw new OperationFailure(`The image ${image} was pulled but does not show in ${storage} on ${node}.`);
    await run.remember('ostemplate', pulled);
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

  private async findImage(node: string, storage: string, image: string): Promise<string | null> {
    const volumes: PveVolume[] = await this.containers.pve.storageContent(node, storage, 'vztmpl');
    const name = imageFileName(image);
    const ref = parseImageRef(image);
    const shortName = `${ref.repository.split('/').pop()}_${ref.tag}`;
    const match = volumes.find((v) => v.volid.includes(`/${name}`)) ?? volumes.find((v) => v.volid.includes(`/${shortName}.`));
    return match?.volid ?? null;
  }

  private async create(run: OperationRun, entry: CatalogEntry): Promise<void> {
    const app = run.app;
    const { node, vmid } = this.containers.location(run);
    if (await this.containers.isOurs(node, vmid, app.id)) return run.log(`Container ${vmid} already exists`);
    if (await this.containers.status(node, vmid)) {
      throw new OperationFailure(`VMID ${vmid} on ${node} belongs to a container Proxdeck did not create.`);
    }
    const storage = run.recall<string>('storage');
    const ostemplate = run.recall<string>('ostemplate');
    if (!storage || !ostemplate) throw new Error('deploy resumed without its reserved storage or image');
    // Appliance templates configure themselves; env is an OCI-image concept.
    const env = entry.runtime === 'template' ? {} : renderEnv(entry.env, {
      input: deployInputValues(entry, app.inputs),
      secret: app.secretsEncrypted ? (JSON.parse(new SecretBox(this.containers.config.secret).open(app.secretsEncrypted)) as Record<string, string>) : {},
      app: { hostname: app.hostname, ip: null, url: `/apps/${app.hostname}/` },
    });
    const mp: Record<number, string> = {};
    entry.volumes.forEach((v, i) => (mp[i] = buildMountPoint(storage, Math.max(1, Math.ceil(v.sizeGb)), v.path)));
    const upid = await this.containers.pve.createContainer(node, {
      vmid,
      ostemplate,
      hostname: app.hostname,
      cores: app.cores,
      memory: app.memoryMb,
      swap: Math.min(512, app.memoryMb),
      rootfs: buildRootfs(storage, app.diskGb),
      mp,
      net0: buildNet0({ bridge: this.containers.config.pve.bridge, ip: 'dhcp' }),
      env: Object.keys(env).length ? buildEnv(env) : undefined,
      tags: [PROXDECK_TAG],
      description: `Managed by Proxdeck: ${entry.name} ${app.version}\n\n${proxdeckMarker(app.id)}`,
      unprivileged: true,
    });
    await this.containers.runTask(run, `Creating container ${vmid} on ${node}`, upid);
  }

  /** Nothing is left behind: the half-made container is destroyed and the app row (hostname, VMID) freed. */
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

function free(n: { maxmem?: number; mem?: number }): number {
  return (n.maxmem ?? 0) - (n.mem ?? 0);
}

/** A stable file name for an image in the template storage: `docker.io_library_nginx_1.27.3`. */
export function imageFileName(image: string): string {
  return image.replace(/[^A-Za-z0-9._-]+/g, '_');
}
