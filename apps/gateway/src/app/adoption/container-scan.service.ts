import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppEntity } from '@proxdeck/server-database';
import { parseProxdeckMarker, parseTags, type PveClusterResource } from '@proxdeck/server-proxmox';
import type { AdoptionCandidateDto, OrphanContainerDto } from '@proxdeck/shared-contracts';
import { PVE_READER, type PveReader } from '../infra/pve-reader';
import { proxmoxProblem } from '../infra/proxmox-problem';

/** How many container configs are read at once (the marker is only in the description). */
const CONFIG_READS_AT_ONCE = 6;

export interface ContainerScan {
  /** LXC containers (templates excluded) with no marker, that no app names. */
  candidates: AdoptionCandidateDto[];
  /** Containers whose marker names an app that does not exist. */
  orphans: OrphanContainerDto[];
}

/**
 * Sorts the cluster's containers into managed (an app names its VMID, or its marker names an
 * existing app, like an update's new container), orphans and adoption candidates: one
 * `/cluster/resources` read, then the config (description) of each container no app names.
 * A container whose config cannot be read now (its node is offline) is left out of both lists.
 */
@Injectable()
export class ContainerScanService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PVE_READER) private readonly pve: PveReader,
  ) {}

  async scan(): Promise<ContainerScan> {
    const containers = (await this.read(() => this.pve.clusterResources('vm'))).filter(isContainer);
    const apps = await this.db.getRepository(AppEntity).find({ select: { id: true, vmid: true, previousVmid: true } });
    const appIds = new Set(apps.map((a) => a.id));
    const appVmids = new Set(apps.flatMap((a) => [a.vmid, a.previousVmid]).filter((v): v is number => v !== null));
    const unnamed = containers.filter((c) => !appVmids.has(Number(c.vmid)));
    const markers = await this.markersOf(unnamed);

    const result: ContainerScan = { candidates: [], orphans: [] };
    unnamed.forEach((ct, i) => {
      const marker = markers[i];
      if (marker === undefined) return;
      if (marker === null) result.candidates.push(toCandidate(ct));
      else if (!appIds.has(marker)) result.orphans.push({ ...identity(ct), appId: marker });
    });
    const byPlace = (a: { node: string; vmid: number }, b: { node: string; vmid: number }) => a.node.localeCompare(b.node) || a.vmid - b.vmid;
    result.candidates.sort(byPlace);
    result.orphans.sort(byPlace);
    return result;
  }

  /** The app id in each container's marker: null without one, undefined when it could not be read. */
  private async markersOf(containers: PveClusterResource[]): Promise<(string | null | undefined)[]> {
    const out: (string | null | undefined)[] = [];
    for (let i = 0; i < containers.length; i += CONFIG_READS_AT_ONCE) {
      const batch = containers.slice(i, i + CONFIG_READS_AT_ONCE);
      out.push(...(await Promise.all(batch.map((ct) =>
        this.pve.containerConfig(ct.node as string, Number(ct.vmid)).then((c) => parseProxdeckMarker(c.description), () => undefined)))));
    }
    return out;
  }

  private async read<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw proxmoxProblem(e);
    }
  }
}

function isContainer(r: PveClusterResource): boolean {
  return r.type === 'lxc' && r.vmid !== undefined && !!r.node && !r.template;
}

function identity(ct: PveClusterResource): Pick<AdoptionCandidateDto, 'node' | 'vmid' | 'name' | 'status'> {
  const status = ct.status === 'running' || ct.status === 'stopped' ? ct.status : 'unknown';
  return { node: ct.node as string, vmid: Number(ct.vmid), name: ct.name ?? `CT ${ct.vmid}`, status };
}

function toCandidate(ct: PveClusterResource): AdoptionCandidateDto {
  return {
    ...identity(ct),
    tags: parseTags(ct.tags),
    cores: ct.maxcpu ?? 0,
    memoryMb: Math.round((ct.maxmem ?? 0) / 1024 ** 2),
    diskGb: Math.ceil((ct.maxdisk ?? 0) / 1024 ** 3),
  };
}
