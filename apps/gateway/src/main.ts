import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@proxdeck/server-config';
import { AppModule } from './app/app.module';
import { configureApp } from './app/configure-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  // Migrations run while the module initialises (see AppModule's TypeORM factory), before any request.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config }), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  configureApp(app, config);
  // SIGTERM/SIGINT close the HTTP server, SSE streams, the queue, Redis and the database in order.
  app.enableShutdownHooks();
  await app.listen(config.http.port, config.http.host);
  logger.log(`Proxdeck gateway listening on http://${config.http.host}:${config.http.port} (API at /api/v1, docs at /api/docs)`);
}

bootstrap().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('The gateway failed to start:', err);
  }
  process.exit(1);
});
