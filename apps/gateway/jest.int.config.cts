/** Integration suites (*.int-spec.ts): real PostgreSQL, Redis and pve-sim. Run with `nx run gateway:int-test`. */
module.exports = {
  displayName: 'gateway-int',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  testTimeout: 60_000,
  coverageDirectory: '../../coverage/apps/gateway-int',
};
