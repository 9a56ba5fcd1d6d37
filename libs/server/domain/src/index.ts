export * from './lib/app-rules';
export * from './lib/operation-plans';
