import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '@proxdeck/server-config';
import { migrateDatabase } from '@proxdeck/server-database';
import { WorkerModule } from './app/worker.module';

/** The worker: a Nest application context without HTTP, taking operation jobs from BullMQ. */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await migrateDatabase(config.databaseUrl);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
}

bootstrap().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
