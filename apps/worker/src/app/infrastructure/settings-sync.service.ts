import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import { LiveSettings, SecretBox } from '@proxdeck/server-database';
import type { PveClient } from '@proxdeck/server-proxmox';
import { SchedulerService } from '../schedules/scheduler.service';
import { PVE_CLIENT } from './tokens';

/** Saved settings reach a running worker within this time. */
const POLL_MS = 5000;

/**
 * Keeps the worker on the settings an admin saved in the console: the Proxmox connection (the
 * shared PveClient is repointed), storage/bridge defaults (config.pve, read per operation) and the
 * default policy (backup schedules of apps without their own policy are re-synced).
 */
@Injectable()
export class SettingsSync implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SettingsSync.name);
  private readonly live: LiveSettings;

  constructor(
    @InjectDataSource() db: DataSource,
    @Inject(PROXDECK_CONFIG) config: ProxdeckConfig,
    @Inject(PVE_CLIENT) pve: PveClient,
    scheduler: SchedulerService,
  ) {
    this.live = new LiveSettings(db, config, new SecretBox(config.secret), (connection) => {
      this.logger.log(`Proxmox connection changed to ${connection.url}`);
      pve.reconnect(connection);
    }, () => scheduler.syncBackupSchedules());
  }

  /** Before the queues start taking work, so the first operation already uses the saved settings. */
  async onApplicationBootstrap(): Promise<void> {
    await this.live.refresh();
    this.live.start(POLL_MS, (e) => this.logger.warn(`reading settings failed: ${String(e)}`));
  }

  /** For tests: apply saved settings now instead of within POLL_MS. */
  refresh(): Promise<boolean> {
    return this.live.refresh();
  }

  onApplicationShutdown(): void {
    this.live.stop();
  }
}
