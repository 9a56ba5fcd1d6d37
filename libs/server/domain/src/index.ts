export * from './lib/operation-plans';
