/** Integration suites: real PostgreSQL, Redis and the Proxmox simulator (npm test provides them). */
module.exports = {
  displayName: 'worker-int',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  testTimeout: 120_000,
  maxWorkers: 1,
  coverageDirectory: '../../coverage/apps/worker-int',
};
