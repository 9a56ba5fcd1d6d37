import { Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import { LiveSettings, SecretBox } from '@proxdeck/server-database';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../infra/gateway-options';
import { PVE_READER, type PveReader } from '../infra/pve-reader';
import { SettingsController } from './settings.controller';
import { SettingsService } from './settings.service';

/** Other gateways and workers pick saved settings up within this time. */
const POLL_MS = 5000;

@Module({
  controllers: [SettingsController],
  providers: [
    {
      provide: LiveSettings,
      inject: [getDataSourceToken(), PROXDECK_CONFIG, SecretBox, PVE_READER, GATEWAY_OPTIONS],
      useFactory: (db: DataSource, config: ProxdeckConfig, box: SecretBox, pve: PveReader, options: GatewayOptions) =>
        new LiveSettings(db, config, box, (connection) => pve.reconnect(connection, { requestTimeoutMs: options.pveRequestTimeoutMs ?? 10_000 })),
    },
    SettingsService,
  ],
})
export class SettingsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Settings');

  constructor(@Inject(LiveSettings) private readonly live: LiveSettings) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.live.refresh();
    this.live.start(POLL_MS, (e) => this.logger.warn(`reading settings failed: ${String(e)}`));
  }

  onApplicationShutdown(): void {
    this.live.stop();
  }
}
