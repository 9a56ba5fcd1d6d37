import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import { dataSourceOptions, migrateDatabase } from '@proxdeck/server-database';
import { AdoptionModule } from './adoption/adoption.module';
import { AppChangesModule } from './app-changes/app-changes.module';
import { AppsModule } from './apps/apps.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BackupsModule } from './backups/backups.module';
import { CatalogModule } from './catalog/catalog.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import type { GatewayOptions } from './infra/gateway-options';
import { InfraModule } from './infra/infra.module';
import { MetricsModule } from './metrics/metrics.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { NodesModule } from './nodes/nodes.module';
import { OperationsModule } from './operations/operations.module';
import { ProblemFilter } from './problem/problem.filter';
import { createValidationPipe } from './problem/validation.pipe';
import { ProxyModule } from './proxy/proxy.module';
import { SettingsModule } from './settings/settings.module';
import { UpdatesModule } from './updates/updates.module';
import { UsersModule } from './users/users.module';

const QUIET_PATHS = /^\/(api\/v1\/)?(healthz|readyz|metrics)(\?|$)/;

/** The whole gateway, built from explicit options (main.ts passes loadConfig(); tests pass their own). */
@Module({})
export class AppModule {
  static forRoot(options: GatewayOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfraModule.forRoot(options),
        LoggerModule.forRootAsync({
          inject: [PROXDECK_CONFIG],
          useFactory: (config: ProxdeckConfig) => ({
            pinoHttp: {
              level: config.logLevel,
              genReqId: requestId,
              redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
              autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.test(req.url ?? '') },
            },
            // Express 5 / path-to-regexp 8 syntax; the library's default `*` logs a legacy-route warning.
            forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          }),
        }),
        TypeOrmModule.forRootAsync({
          inject: [PROXDECK_CONFIG],
          // Migrations first (idempotent, under an advisory lock), then the connection the app uses.
          useFactory: async (config: ProxdeckConfig) => {
            await migrateDatabase(config.databaseUrl);
            return dataSourceOptions(config.databaseUrl);
          },
        }),
        AuditModule,
        AuthModule,
        UsersModule,
        CatalogModule,
        AppsModule,
        AppChangesModule,
        BackupsModule,
        UpdatesModule,
        AdoptionModule,
        OperationsModule,
        NodesModule,
        MonitoringModule,
        SettingsModule,
        EventsModule,
        HealthModule,
        MetricsModule,
        ProxyModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}

/** The caller's X-Request-Id when it looks sane, else a new one; echoed back so logs can be matched. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}
