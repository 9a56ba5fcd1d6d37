import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AppEntity, AppPolicyEntity, OperationEntity, toAppPolicyDto } from '@proxdeck/server-database';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import type { PveClient } from '@proxdeck/server-proxmox';
import type { ScheduledJob } from '@proxdeck/server-queue';
import { availableUpdates, repositoryOf, type CatalogEntry } from '@proxdeck/shared-catalog';
import { CATALOG, PVE_CLIENT } from '../infrastructure/tokens';
import { OperationLauncher } from './operation-launcher.service';
import type { ScheduledJobHandler } from './scheduled-job-handler';

/**
 * The daily update check: for every OCI app whose policy checks for updates, the registry's tags
 * (through Proxmox `query-oci-repo-tags`) give `latest_version`; with `autoApply` a newer version
 * is installed right away by an `update` operation, as if a person had asked for it.
 */
@Injectable()
export class UpdateCheckJob implements ScheduledJobHandler {
  readonly name = 'update-check' as const;
  private readonly logger = new Logger(UpdateCheckJob.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PVE_CLIENT) private readonly pve: PveClient,
    @Inject(CATALOG) private readonly catalog: CatalogEntry[],
    private readonly launcher: OperationLauncher,
    @Inject(PROXDECK_CONFIG) private readonly config: ProxdeckConfig,
  ) {}

  async handle(_job: ScheduledJob): Promise<void> {
    const apps = await this.db.getRepository(AppEntity).findBy({ runtime: 'oci', status: In(['running', 'stopped', 'error']) });
    const policies = new Map((await this.db.getRepository(AppPolicyEntity).find()).map((p) => [p.appId, toAppPolicyDto(p, this.config.defaultPolicy)]));
    // Apps of one image on one node share one registry query.
    const tagCache = new Map<string, Promise<string[]>>();
    for (const app of apps) {
      const policy = policies.get(app.id) ?? toAppPolicyDto(null, this.config.defaultPolicy);
      const entry = this.catalog.find((e) => e.id === app.catalogId);
      if (!policy.updates.check || !entry?.image || !app.node) continue;
      try {
        const key = `${app.node} ${repositoryOf(entry.image)}`;
        if (!tagCache.has(key)) tagCache.set(key, this.pve.ociRepoTags(app.node, repositoryOf(entry.image)));
        const { latest, versions } = availableUpdates(entry, app.version, (await tagCache.get(key)) ?? []);
        await this.db.getRepository(AppEntity).update({ id: app.id }, { latestVersion: latest, updateCheckedAt: new Date() });
        if (policy.updates.autoApply && versions[0] && (await this.turnedDown(app.id, versions[0]))) {
          this.logger.log(`not updating ${app.hostname} to ${versions[0]} automatically: that version failed or was rolled back before`);
        } else if (policy.updates.autoApply && versions[0]) {
          const op = await this.launcher.launch(app.id, 'update', { version: versions[0] });
          if (op) this.logger.log(`updating ${app.hostname} ${app.version} -> ${versions[0]} (policy: apply updates automatically)`);
        }
      } catch (err) {
        this.logger.warn({ appId: app.id, err: err instanceof Error ? err.message : String(err) }, `update check of ${app.hostname} failed`);
      }
    }
  }

  /**
   * True when an update of this app to `version` failed (and rolled back) or was rolled back by a
   * person afterwards: applying it again by itself every day would repeat the outage. A person can
   * still install it by hand.
   */
  private async turnedDown(appId: string, version: string): Promise<boolean> {
    const ops = this.db.getRepository(OperationEntity);
    const updates = await ops
      .createQueryBuilder('o')
      .where('o.app_id = :appId AND o.type = :type', { appId, type: 'update' })
      .andWhere(`o.context -> 'plan' ->> 'targetVersion' = :version`, { version })
      .getMany();
    if (updates.some((u) => u.state === 'failed')) return true;
    const applied = updates.filter((u) => u.state === 'succeeded').map((u) => u.createdAt);
    if (applied.length === 0) return false;
    const firstApplied = new Date(Math.min(...applied.map((d) => d.getTime())));
    return ops
      .createQueryBuilder('o')
      .where('o.app_id = :appId AND o.type = :type AND o.state = :state', { appId, type: 'rollback', state: 'succeeded' })
      .andWhere('o.created_at > :after', { after: firstApplied })
      .getExists();
  }
}
