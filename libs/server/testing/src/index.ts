export * from './lib/test-services';
export * from './lib/pve-sim-process';
export * from './lib/workspace-root';
export * from './lib/wait-for';
export * from './lib/private-postgres';
