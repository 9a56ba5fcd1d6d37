/** Contract suite against pve-sim (default) or a real PVE (PVE_URL, PVE_TOKEN_ID, PVE_TOKEN_SECRET, PVE_NODE). */
module.exports = {
  displayName: 'server-proxmox:int',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 120_000,
  maxWorkers: 1,
  coverageDirectory: '../../../coverage/libs/server/proxmox-int',
};
