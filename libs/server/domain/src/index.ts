export * from './lib/operation-plans';
export * from './lib/backup-retention';
export * from './lib/ip-pool';
