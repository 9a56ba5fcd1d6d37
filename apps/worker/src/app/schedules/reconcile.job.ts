import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { AppEntity, OperationEntity, toAppDto } from '@proxdeck/server-database';
import type { PveClient, PveClusterResource } from '@proxdeck/server-proxmox';
import { EventPublisher, OperationQueue, type ScheduledJob } from '@proxdeck/server-queue';
import { PVE_CLIENT } from '../infrastructure/tokens';
import { AppLock } from '../operations/app-lock';
import { reconcileAppStatus, type ObservedContainer, type StatusPatch } from '../reconcile/app-status-rules';
import { OrphanWatch } from '../reconcile/orphan-watch';
import { LostJobRecovery } from '../reconcile/lost-jobs';
import { StuckOperationReaper } from '../reconcile/stuck-operations';
import type { ScheduledJobHandler } from './scheduled-job-handler';

/**
 * The reconcile loop (ARCHITECTURE.md "How an operation flows", step 5), every RECONCILE_INTERVAL_MS:
 * 1. operations whose job Redis lost are queued again (LostJobRecovery); operations stuck past
 *    their deadline are failed and their apps released (StuckOperationReaper);
 * 2. ONE `GET /cluster/resources` (unfiltered: containers and nodes in the same answer);
 * 3. every app without an operation in flight is brought in line with it (app-status-rules.ts),
 *    written only when something changed and published as `app.updated`;
 * 4. containers marked for apps that do not exist are reported (OrphanWatch).
 */
@Injectable()
export class ReconcileJob implements ScheduledJobHandler {
  readonly name = 'reconcile' as const;
  private readonly logger = new Logger(ReconcileJob.name);
  private readonly stuck: StuckOperationReaper;
  readonly lostJobs: LostJobRecovery;
  readonly orphans: OrphanWatch;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PVE_CLIENT) private readonly pve: PveClient,
    private readonly events: EventPublisher,
    queue: OperationQueue,
    locks: AppLock,
  ) {
    this.stuck = new StuckOperationReaper({ db, queue, locks, events });
    this.lostJobs = new LostJobRecovery({ db, queue });
    this.orphans = new OrphanWatch(pve);
  }

  async handle(_job?: ScheduledJob): Promise<void> {
    await this.lostJobs.requeue();
    await this.stuck.reap();
    const resources = await this.pve.clusterResources();
    const nodeOnline = new Map(resources.filter((r) => r.type === 'node' && r.node).map((r) => [r.node as string, r.status === 'online']));
    const containers = resources.filter((r) => r.type === 'lxc' && r.vmid !== undefined);
    const byVmid = new Map(containers.map((c) => [Number(c.vmid), c]));

    const apps = await this.db.getRepository(AppEntity).find();
    const busy = await this.appsWithOperationInFlight(apps);
    for (const app of apps) {
      if (busy.has(app.id)) continue;
      const ct = app.vmid === null ? undefined : byVmid.get(app.vmid);
      const patch = reconcileAppStatus(app, ct && observe(ct, nodeOnline));
      if (patch) await this.apply(app, patch);
    }

    const knownVmids = new Set(apps.flatMap((a) => [a.vmid, a.previousVmid]).filter((v): v is number => v !== null));
    await this.orphans.check(containers, knownVmids, new Set(apps.map((a) => a.id)));
  }

  private async appsWithOperationInFlight(apps: AppEntity[]): Promise<Set<string>> {
    const ids = apps.map((a) => a.activeOperationId).filter((id): id is string => id !== null);
    if (ids.length === 0) return new Set();
    const open = await this.db.getRepository(OperationEntity).findBy({ id: In(ids), state: In(['queued', 'running']) });
    return new Set(open.map((o) => o.appId).filter((id): id is string => id !== null));
  }

  /**
   * Writes only while the app is still free: an operation the gateway starts meanwhile owns the
   * app, and its worker writes the status (a whole-row save here could clobber its active id).
   */
  private async apply(app: AppEntity, patch: StatusPatch): Promise<void> {
    const changes: Partial<AppEntity> = { ...patch };
    if (patch.status === 'running' && app.vmid !== null) {
      // Started outside Proxdeck: its address may be new, and the proxy needs one.
      const ip = await this.readIp(patch.node ?? app.node, app.vmid);
      if (ip) Object.assign(changes, { ip, hasRun: true });
    }
    const result = await this.db.getRepository(AppEntity).update({ id: app.id, activeOperationId: IsNull() }, changes);
    if (!result.affected) return;
    const fresh = await this.db.getRepository(AppEntity).findOneBy({ id: app.id });
    if (!fresh) return;
    this.logger.log({ appId: app.id, hostname: app.hostname, from: app.status, ...patch }, 'app reconciled with Proxmox');
    await this.events.publish({ type: 'app.updated', app: toAppDto(fresh, null) });
  }

  private async readIp(node: string | null, vmid: number): Promise<string | null> {
    if (!node) return null;
    try {
      const eth0 = (await this.pve.containerInterfaces(node, vmid))?.find((i) => i.name === 'eth0');
      return eth0?.inet?.split('/')[0] ?? null;
    } catch {
      return null; // the next start or cycle reads it
    }
  }
}

function observe(ct: PveClusterResource, nodeOnline: Map<string, boolean>): ObservedContainer {
  const node = ct.node ?? '';
  return { node, status: ct.status ?? 'unknown', lock: ct.lock || undefined, nodeOnline: nodeOnline.get(node) ?? false };
}
