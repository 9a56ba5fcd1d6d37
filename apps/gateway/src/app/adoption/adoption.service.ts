import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource } from 'typeorm';
import { AppEntity } from '@proxdeck/server-database';
import { parsePropertyString, parseProxdeckMarker, type PveClusterResource, type PveContainerConfig } from '@proxdeck/server-proxmox';
import { catalogEntryVersion, primaryPort, type CatalogEntry } from '@proxdeck/shared-catalog';
import { CUSTOM_CATALOG_ID, hostnameProblem, type AcceptedOperationDto, type CatalogRuntime } from '@proxdeck/shared-contracts';
import { AppCommandsService, hostnameTaken } from '../apps/app-commands.service';
import type { Principal } from '../auth/principal';
import { CatalogService } from '../catalog/catalog.service';
import { PVE_READER, type PveReader } from '../infra/pve-reader';
import { proxmoxProblem } from '../infra/proxmox-problem';
import { DomainError } from '../problem/domain-error';
import type { AdoptDto } from './dto/adopt.dto';

/**
 * `POST /adoption`: checks that the container exists and is nobody's, then writes the app row
 * (resources from the container's config, `adopted: true`) and the `adopt` operation; the worker
 * tags, marks and health-checks it. A container carrying the marker of an app that no longer
 * exists (an orphan) may be adopted: that is how an orphan gets an owner again.
 */
@Injectable()
export class AdoptionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PVE_READER) private readonly pve: PveReader,
    private readonly catalog: CatalogService,
    private readonly commands: AppCommandsService,
  ) {}

  async adopt(body: AdoptDto, principal: Principal): Promise<AcceptedOperationDto> {
    this.checkInput(body);
    const entry = body.catalogId !== undefined ? this.catalog.get(body.catalogId, 'catalogId') : null;
    await this.commands.checkNode(body.node);
    const ct = await this.findContainer(body.node, body.vmid);
    const apps = this.db.getRepository(AppEntity);
    if (await apps.exists({ where: [{ vmid: body.vmid }, { previousVmid: body.vmid }] })) throw alreadyManaged(body.vmid);
    const config = await this.read(() => this.pve.containerConfig(body.node, body.vmid));
    const owner = parseProxdeckMarker(config.description);
    if (owner && (await apps.existsBy({ id: owner }))) throw alreadyManaged(body.vmid);

    const hostname = body.hostname ?? config.hostname ?? ct.name ?? '';
    const badHostname = hostnameProblem(hostname);
    if (badHostname) {
      const why = body.hostname === undefined ? `${badHostname} (the container's hostname "${hostname}" cannot be used; give a hostname)` : badHostname;
      throw DomainError.validation({ hostname: why });
    }
    if (await apps.existsBy({ hostname })) throw hostnameTaken(hostname);

    try {
      return await this.commands.launchNewApp('adopt', principal, {
        name: entry?.name ?? hostname,
        catalogId: entry?.id ?? CUSTOM_CATALOG_ID,
        version: entry ? catalogEntryVersion(entry) : 'unknown',
        runtime: runtimeOf(entry, config),
        hostname,
        node: body.node,
        vmid: body.vmid,
        ...resourcesOf(config, ct),
        httpPort: body.port ?? (entry ? primaryPort(entry).port : null),
        adopted: true,
      }, { params: { port: body.port ?? null }, auditDetails: { vmid: body.vmid, catalogId: entry?.id ?? CUSTOM_CATALOG_ID } });
    } catch (e) {
      // Two adoptions of one container at the same instant: the unique VMID decides.
      if (e instanceof QueryFailedError && (e.driverError as { code?: string; detail?: string }).code === '23505' && /\(vmid\)/.test(String((e.driverError as { detail?: string }).detail))) {
        throw alreadyManaged(body.vmid);
      }
      throw e;
    }
  }

  /** A custom app (no catalog entry) needs the port its web UI listens on. */
  private checkInput(body: AdoptDto): void {
    const errors: Record<string, string> = {};
    if (body.catalogId === undefined && body.port === undefined) errors['port'] = 'is required for a custom app (no catalogId): the port its web UI listens on';
    if (body.hostname !== undefined) {
      const problem = hostnameProblem(body.hostname);
      if (problem) errors['hostname'] = problem;
    }
    if (Object.keys(errors).length) throw DomainError.validation(errors);
  }

  /** The LXC container with that VMID on that node, or 404 naming `vmid` with what it is instead. */
  private async findContainer(node: string, vmid: number): Promise<PveClusterResource> {
    const guest = (await this.read(() => this.pve.clusterResources('vm'))).find((r) => Number(r.vmid) === vmid);
    const problem = !guest
      ? `is not a container on ${node}`
      : guest.type !== 'lxc'
        ? 'is a virtual machine; only LXC containers can be adopted'
        : guest.node !== node
          ? `is a container on ${guest.node}, not on ${node}`
          : guest.template
            ? 'is a container template; templates cannot be adopted'
            : null;
    if (problem || !guest) {
      throw DomainError.notFound('ADOPTION_CANDIDATE_NOT_FOUND', `VMID ${vmid} ${problem}.`, { vmid: problem ?? 'not found' });
    }
    return guest;
  }

  private async read<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw proxmoxProblem(e);
    }
  }
}

function alreadyManaged(vmid: number): DomainError {
  return new DomainError('CONTAINER_ALREADY_MANAGED', 409, `Container ${vmid} already belongs to a Proxdeck app.`, { vmid: 'is already managed by Proxdeck' });
}

/** OCI-image containers (PVE 9.1) have an entrypoint; the rest come from templates. */
function runtimeOf(entry: CatalogEntry | null, config: PveContainerConfig): CatalogRuntime {
  return entry?.runtime ?? (config.entrypoint ? 'oci' : 'template');
}

/** What the container has now, from its config (the cluster row as a fallback). */
function resourcesOf(config: PveContainerConfig, ct: PveClusterResource): Pick<AppEntity, 'cores' | 'memoryMb' | 'diskGb'> {
  const rootSize = config.rootfs ? parsePropertyString(config.rootfs, 'volume')['size'] : undefined;
  return {
    cores: Number(config.cores ?? ct.maxcpu ?? 1) || 1,
    memoryMb: Number(config.memory ?? Math.round((ct.maxmem ?? 512 * 1024 ** 2) / 1024 ** 2)),
    diskGb: Math.max(1, rootSize ? sizeInGb(rootSize) : Math.ceil((ct.maxdisk ?? 0) / 1024 ** 3)),
  };
}

/** PVE disk sizes: `8G`, `512M`, `1T`, or bytes without a unit. */
function sizeInGb(size: string): number {
  const match = /^(\d+(?:\.\d+)?)([KMGT]?)$/i.exec(size.trim());
  if (!match) return 1;
  const factor: Record<string, number> = { '': 1 / 1024 ** 3, K: 1 / 1024 ** 2, M: 1 / 1024, G: 1, T: 1024 };
  return Math.ceil(Number(match[1]) * (factor[match[2].toUpperCase()] ?? 1));
}
