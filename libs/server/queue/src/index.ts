export * from './lib/redis-connection';
export * from './lib/operation-queue';
export * from './lib/operation-worker';
export * from './lib/event-bus';
export * from './lib/schedule-queue';
