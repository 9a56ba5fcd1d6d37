import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import { SecretBox } from '@proxdeck/server-database';
import { EventPublisher, EventSubscriber, OperationQueue, ScheduleQueue } from '@proxdeck/server-queue';
import { PveClient } from '@proxdeck/server-proxmox';
import { GATEWAY_OPTIONS, type GatewayOptions } from './gateway-options';
import { PVE_READER, type PveReader } from './pve-reader';
import { RedisResources } from './redis-resources';

/** Closes what the providers below opened, once Nest has stopped taking requests. */
@Injectable()
class InfraShutdown implements OnApplicationShutdown {
  constructor(
    private readonly redis: RedisResources,
    @Inject(PVE_READER) private readonly pve: PveReader,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.pve.close();
    await this.redis.close();
  }
}

/** Process-wide resources: config, Redis (queue + events), the Proxmox client, the secret box. */
@Global()
@Module({})
export class InfraModule {
  static forRoot(options: GatewayOptions): DynamicModule {
    return {
      module: InfraModule,
      providers: [
        { provide: GATEWAY_OPTIONS, useValue: options },
        { provide: PROXDECK_CONFIG, useValue: options.config },
        {
          provide: RedisResources,
          inject: [PROXDECK_CONFIG],
          useFactory: async (config: ProxdeckConfig) => {
            const redis = new RedisResources(config.redisUrl, config.redisPrefix);
            await redis.start();
            return redis;
          },
        },
        { provide: OperationQueue, inject: [RedisResources], useFactory: (r: RedisResources) => r.queue },
        { provide: ScheduleQueue, inject: [RedisResources], useFactory: (r: RedisResources) => r.schedules },
        { provide: EventPublisher, inject: [RedisResources], useFactory: (r: RedisResources) => r.publisher },
        { provide: EventSubscriber, inject: [RedisResources], useFactory: (r: RedisResources) => r.subscriber },
        {
          provide: PVE_READER,
          inject: [PROXDECK_CONFIG],
          // API token preferred, ticket login otherwise; config validation guarantees one of them.
          useFactory: (config: ProxdeckConfig): PveReader => new PveClient(config.pve, { requestTimeoutMs: options.pveRequestTimeoutMs ?? 10_000 }),
        },
        { provide: SecretBox, inject: [PROXDECK_CONFIG], useFactory: (config: ProxdeckConfig) => new SecretBox(config.secret) },
        InfraShutdown,
      ],
      exports: [GATEWAY_OPTIONS, PROXDECK_CONFIG, RedisResources, OperationQueue, ScheduleQueue, EventPublisher, EventSubscriber, PVE_READER, SecretBox],
    };
  }
}
