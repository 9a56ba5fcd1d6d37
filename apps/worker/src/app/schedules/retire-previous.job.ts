import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThanOrEqual, Not } from 'typeorm';
import { AppEntity, OperationEntity, toAppDto } from '@proxdeck/server-database';
import { PveError, parseProxdeckMarker, type PveClient } from '@proxdeck/server-proxmox';
import { EventPublisher, type ScheduledJob } from '@proxdeck/server-queue';
import { PVE_CLIENT } from '../infrastructure/tokens';
import type { ScheduledJobHandler } from './scheduled-job-handler';

/**
 * After an update the old container is kept (stopped) until `previous_keep_until` for one-click
 * rollback. Once that has passed it is destroyed with its volumes and the app forgets it. Apps with
 * an operation in flight are left for the next run (a rollback may be using the old container).
 */
@Injectable()
export class RetirePreviousJob implements ScheduledJobHandler {
  readonly name = 'retire-previous' as const;
  private readonly logger = new Logger(RetirePreviousJob.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PVE_CLIENT) private readonly pve: PveClient,
    private readonly events: EventPublisher,
  ) {}

  async handle(_job: ScheduledJob): Promise<void> {
    const due = await this.db.getRepository(AppEntity).findBy({ previousVmid: Not(IsNull()), previousKeepUntil: LessThanOrEqual(new Date()) });
    for (const app of due) {
      try {
        await this.retire(app);
      } catch (err) {
        this.logger.warn({ appId: app.id, vmid: app.previousVmid, err: err instanceof Error ? err.message : String(err) }, 'could not remove the container kept after an update; trying again next run');
      }
    }
  }

  private async retire(app: AppEntity): Promise<void> {
    const vmid = app.previousVmid;
    if (vmid === null || !app.node || (await this.busy(app.id))) return;
    if (vmid !== app.vmid && (await this.ownedBy(app.node, vmid, app.id))) {
      const status = await this.pve.containerStatus(app.node, vmid);
      if (status.status === 'running') await this.pve.waitForTask(await this.pve.stopContainer(app.node, vmid));
      await this.pve.waitForTask(await this.pve.deleteContainer(app.node, vmid, { purge: true, force: true }));
      this.logger.log(`removed container ${vmid} of ${app.hostname} (${app.previousVersion}), kept until ${app.previousKeepUntil?.toISOString()}`);
    }
    // Only if nothing changed meanwhile (e.g. another update replaced the previous container).
    const cleared = await this.db.getRepository(AppEntity).update(
      { id: app.id, previousVmid: vmid },
      { previousVmid: null, previousVersion: null, previousKeepUntil: null },
    );
    if (cleared.affected) {
      const fresh = await this.db.getRepository(AppEntity).findOneBy({ id: app.id });
      if (fresh) await this.events.publish({ type: 'app.updated', app: toAppDto(fresh, null) });
    }
  }

  /** The grace period is over, so no new rollback can start; one already queued or running still owns the app. */
  private async busy(appId: string): Promise<boolean> {
    const app = await this.db.getRepository(AppEntity).findOneBy({ id: appId });
    if (!app?.activeOperationId) return false;
    const active = await this.db.getRepository(OperationEntity).findOneBy({ id: app.activeOperationId });
    return active?.state === 'queued' || active?.state === 'running';
  }

  /** Only a container carrying this app's marker is destroyed; a missing one needs nothing. */
  private async ownedBy(node: string, vmid: number, appId: string): Promise<boolean> {
    try {
      return parseProxdeckMarker((await this.pve.containerConfig(node, vmid)).description) === appId;
    } catch (err) {
      if (err instanceof PveError && err.kind === 'not-found') return false;
      throw err;
    }
  }
}
