export * from './lib/entities';
export * from './lib/migrations';
export * from './lib/data-source';
export * from './lib/secret-box';
export * from './lib/mappers';
export * from './lib/operations';
export * from './lib/live-settings';
