import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import { EventPublisher, OperationQueue, createRedisConnection } from '@proxdeck/server-queue';
import { PveClient } from '@proxdeck/server-proxmox';
import { loadCatalog, type CatalogEntry } from '@proxdeck/shared-catalog';
import { CATALOG, PUBLISH_REDIS, PVE_CLIENT, QUEUE_REDIS } from './tokens';

@Global()
@Module({
  providers: [
    { provide: QUEUE_REDIS, inject: [PROXDECK_CONFIG], useFactory: (c: ProxdeckConfig) => createRedisConnection(c.redisUrl) },
    { provide: PUBLISH_REDIS, inject: [PROXDECK_CONFIG], useFactory: (c: ProxdeckConfig) => createRedisConnection(c.redisUrl) },
    {
      provide: EventPublisher,
      inject: [PUBLISH_REDIS, PROXDECK_CONFIG],
      useFactory: (redis: Redis, c: ProxdeckConfig) => new EventPublisher(redis, c.redisPrefix),
    },
    {
      // Scheduled work starts operations like the gateway does: through the operations queue.
      provide: OperationQueue,
      inject: [QUEUE_REDIS, PROXDECK_CONFIG],
      useFactory: (redis: Redis, c: ProxdeckConfig) => new OperationQueue(redis, c.redisPrefix),
    },
    {
      provide: PVE_CLIENT,
      inject: [PROXDECK_CONFIG],
      useFactory: (c: ProxdeckConfig) => new PveClient(c.pve),
    },
    {
      // The same merged catalog the gateway serves (bundled + PROXDECK_CATALOG_DIRS), so an app
      // deployed from a user catalog entry can be run by the worker too.
      provide: CATALOG,
      inject: [PROXDECK_CONFIG],
      useFactory: (c: ProxdeckConfig): CatalogEntry[] => {
        const { entries, errors } = loadCatalog({ bundledDir: c.bundledCatalogDir, userDirs: c.catalogDirs });
        const logger = new Logger('Catalog');
        for (const error of errors) logger.warn(`user catalog entry skipped: ${error}`);
        return entries.map((e) => e.entry);
      },
    },
  ],
  exports: [QUEUE_REDIS, EventPublisher, OperationQueue, PVE_CLIENT, CATALOG],
})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(QUEUE_REDIS) private readonly queueRedis: Redis,
    @Inject(PUBLISH_REDIS) private readonly publishRedis: Redis,
    private readonly operationQueue: OperationQueue,
  ) {}

  /** BullMQ never closes connections it was given: we own them. */
  async onApplicationShutdown(): Promise<void> {
    await this.operationQueue.close();
    await Promise.allSettled([this.queueRedis.quit(), this.publishRedis.quit()]);
  }
}
