import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppEntity } from '@proxdeck/server-database';
import { availableUpdates, repositoryOf, type CatalogEntry } from '@proxdeck/shared-catalog';
import { operationRefusal, type AcceptedOperationDto, type AppUpdateInfoDto } from '@proxdeck/shared-contracts';
import { AppCommandsService } from '../apps/app-commands.service';
import { AppViewsService } from '../apps/app-views.service';
import type { Principal } from '../auth/principal';
import { CatalogService } from '../catalog/catalog.service';
import { ChangeNotifier } from '../events/change-notifier.service';
import { PVE_READER, type PveReader } from '../infra/pve-reader';
import { proxmoxProblem } from '../infra/proxmox-problem';
import { DomainError } from '../problem/domain-error';
import type { UpdateAppDto } from './dto/update-app.dto';

type Updatable = CatalogEntry & { image: string };

/**
 * Update checks on demand (the registry's tags through Proxmox, judged by the entry's update track)
 * and the two operations: update to a newer version, and rollback while the old one is kept.
 */
@Injectable()
export class UpdatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: CatalogService,
    private readonly commands: AppCommandsService,
    private readonly views: AppViewsService,
    private readonly notifier: ChangeNotifier,
    @Inject(PVE_READER) private readonly pve: PveReader,
  ) {}

  /** Checks now and remembers the result as the app's latest version (what the daily check does too). */
  async info(appId: string): Promise<AppUpdateInfoDto> {
    const app = await this.app(appId);
    const entry = this.updatableEntry(app);
    if (!entry || !app.node) {
      return { current: app.version, latest: app.latestVersion, available: false, versions: [], checkedAt: app.updateCheckedAt?.toISOString() ?? null };
    }
    const { latest, versions, checkedAt } = await this.check(app, app.node, entry);
    return { current: app.version, latest, available: versions.length > 0, versions, checkedAt: checkedAt.toISOString() };
  }

  async update(appId: string, body: UpdateAppDto, principal: Principal): Promise<AcceptedOperationDto> {
    const app = await this.app(appId);
    const refusal = operationRefusal('update', app.status);
    if (refusal) throw new DomainError('APP_STATE_CONFLICT', 409, refusal);
    const entry = this.updatableEntry(app);
    if (!entry || !app.node) {
      throw noUpdate(`${app.name} does not run from a catalog OCI image, so it has no versions to update to.`, 'is not available for this app');
    }
    const { versions } = await this.check(app, app.node, entry);
    const version = body.version ?? versions[0];
    if (!version) throw noUpdate(`${entry.name} ${app.version} is already the newest version on its update track.`, 'no newer version is available');
    if (!versions.includes(version)) {
      throw noUpdate(
        `${version} is not a newer ${entry.name} version than ${app.version} on its update track. Available: ${versions.join(', ') || 'none'}.`,
        'is not an available newer version',
      );
    }
    return this.commands.operate(appId, 'update', principal, {
      params: { version },
      check: (locked) => {
        if (locked.version !== app.version) {
          throw new DomainError('APP_STATE_CONFLICT', 409, `${locked.hostname} changed to version ${locked.version} meanwhile; check for updates again.`);
        }
      },
    });
  }

  rollback(appId: string, principal: Principal): Promise<AcceptedOperationDto> {
    return this.commands.operate(appId, 'rollback', principal, {
      check: (app) => {
        if (app.previousVmid === null || !app.previousVersion) {
          throw new DomainError('ROLLBACK_UNAVAILABLE', 409, `${app.hostname} has no previous version to roll back to; the old version is kept only for a while after an update.`);
        }
        if (!app.previousKeepUntil || app.previousKeepUntil.getTime() <= Date.now()) {
          throw new DomainError('ROLLBACK_UNAVAILABLE', 409, `${app.previousVersion} was kept for rollback until ${app.previousKeepUntil?.toISOString() ?? 'the end of its grace period'}; that time is over.`);
        }
      },
    });
  }

  private async app(id: string): Promise<AppEntity> {
    const app = await this.db.getRepository(AppEntity).findOneBy({ id });
    if (!app) throw DomainError.notFound('APP_NOT_FOUND', 'No app has this id.');
    return app;
  }

  /** The catalog entry when the app runs from one of its OCI images; adopted custom apps and templates have no image versions. */
  private updatableEntry(app: AppEntity): Updatable | null {
    if (app.runtime !== 'oci') return null;
    let entry: CatalogEntry;
    try {
      entry = this.catalog.get(app.catalogId);
    } catch {
      return null; // no entry (custom app, or one removed from the catalog): nothing to compare against
    }
    return entry.runtime === 'oci' && entry.image ? { ...entry, image: entry.image } : null;
  }

  private async check(app: AppEntity, node: string, entry: Updatable): Promise<ReturnType<typeof availableUpdates> & { checkedAt: Date }> {
    let tags: string[];
    try {
      tags = await this.pve.ociRepoTags(node, repositoryOf(entry.image));
    } catch (e) {
      throw proxmoxProblem(e);
    }
    const result = availableUpdates(entry, app.version, tags);
    const checkedAt = new Date();
    await this.db.getRepository(AppEntity).update({ id: app.id }, { latestVersion: result.latest, updateCheckedAt: checkedAt });
    if (result.latest !== app.latestVersion) await this.notifier.publish({ type: 'app.updated', app: await this.views.get(app.id) });
    return { ...result, checkedAt };
  }
}

function noUpdate(detail: string, problem: string): DomainError {
  return new DomainError('NO_UPDATE_AVAILABLE', 422, detail, { version: problem });
}
