export * from './lib/app';
export * from './lib/auth';
export * from './lib/catalog';
export * from './lib/errors';
export * from './lib/events';
export * from './lib/jobs';
export * from './lib/node';
export * from './lib/pagination';
