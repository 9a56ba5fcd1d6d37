/* Integration tests (`*.int-spec.ts`): real sockets, the real proxmox-api client. Run: nx run pve-sim:int-test */
module.exports = {
  displayName: 'pve-sim-int',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  setupFiles: ['<rootDir>/src/test-support/dhcp-range.ts'],
  testTimeout: 30000,
  coverageDirectory: '../../coverage/apps/pve-sim-int',
};
