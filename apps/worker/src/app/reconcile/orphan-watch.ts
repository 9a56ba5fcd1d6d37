import { Logger } from '@nestjs/common';
import { PROXDECK_TAG, parseProxdeckMarker, parseTags, type PveClient, type PveClusterResource } from '@proxdeck/server-proxmox';

/**
 * Finds containers that carry Proxdeck's marker for an app that no longer exists (a crash between
 * creating a container and recording it, an app row deleted by hand) and logs each once. Only
 * containers tagged `proxdeck` that no app row names are read (every container Proxdeck creates
 * or adopts carries the tag), and a container's marker is read once, so a cycle stays cheap.
 * `GET /adoption/orphans` lists them on demand.
 */
export class OrphanWatch {
  private readonly logger = new Logger('Reconcile');
  /** vmid -> the app id in its marker (null: none), for the containers seen last cycle. */
  private readonly markers = new Map<number, string | null>();
  private readonly reported = new Set<string>();

  constructor(private readonly pve: PveClient) {}

  /** App ids of the orphans reported so far (each is logged once per worker process). */
  get reportedAppIds(): ReadonlySet<string> {
    return this.reported;
  }

  /** `containers`: the cycle's lxc rows; `knownVmids`: VMIDs app rows name; `appIds`: every app. */
  async check(containers: PveClusterResource[], knownVmids: Set<number>, appIds: Set<string>): Promise<void> {
    const seen = new Set<number>();
    for (const ct of containers) {
      if (ct.vmid === undefined || !ct.node || ct.template || knownVmids.has(ct.vmid) || !parseTags(ct.tags).includes(PROXDECK_TAG)) continue;
      seen.add(ct.vmid);
      const owner = await this.markerOf(ct.node, ct.vmid);
      if (owner && !appIds.has(owner) && !this.reported.has(owner)) {
        this.reported.add(owner);
        this.logger.warn({ vmid: ct.vmid, node: ct.node, appId: owner },
          `Container ${ct.vmid} on ${ct.node} carries the marker of app ${owner}, which does not exist: an orphan. Adopt it or remove it in Proxmox.`);
      }
    }
    for (const vmid of this.markers.keys()) if (!seen.has(vmid)) this.markers.delete(vmid);
  }

  private async markerOf(node: string, vmid: number): Promise<string | null | undefined> {
    if (this.markers.has(vmid)) return this.markers.get(vmid);
    try {
      const owner = parseProxdeckMarker((await this.pve.containerConfig(node, vmid)).description);
      this.markers.set(vmid, owner);
      return owner;
    } catch {
      return undefined; // its node is offline or it just went; the next cycle looks again
    }
  }
}
