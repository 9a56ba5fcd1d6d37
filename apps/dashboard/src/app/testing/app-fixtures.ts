import type { AppDto, LoginResponse, OperationDto } from '@proxdeck/shared-contracts';

/** Gateway-shaped test data for component tests; override what a test is about. */
export function anApp(overrides: Partial<AppDto> = {}): AppDto {
  return {
    id: 'app-1',
    name: 'nginx',
    catalogId: 'nginx',
    version: '1.27',
    hostname: 'web-1',
    node: 'pve1',
    vmid: 9001,
    ip: '10.0.0.21',
    status: 'running',
    statusReason: null,
    resources: { cores: 1, memoryMb: 512, diskGb: 4 },
    url: '/apps/web-1/',
    activeOperation: null,
    env: {},
    pendingChanges: [],
    previousVersion: null,
    rollbackUntil: null,
    latestVersion: null,
    adopted: false,
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}

export function anOperation(overrides: Partial<OperationDto> = {}): OperationDto {
  return {
    id: 'op-1',
    type: 'deploy',
    state: 'succeeded',
    appId: 'app-1',
    appHostname: 'web-1',
    progress: 100,
    steps: [{ name: 'reserve', state: 'done', startedAt: '2026-11-23T10:00:00.000Z', finishedAt: '2026-11-23T10:00:01.000Z' }],
    error: null,
    requestedBy: 'admin',
    createdAt: '2026-11-23T10:00:00.000Z',
    startedAt: '2026-11-23T10:00:00.000Z',
    finishedAt: '2026-11-23T10:00:05.000Z',
    ...overrides,
  };
}

export function aLogin(role: LoginResponse['user']['role'] = 'operator'): LoginResponse {
  return { accessToken: 't', expiresIn: 900, user: { id: 'u1', username: 'ops', role, mode: 'auto', createdAt: '2026-11-23T09:00:00.000Z' } };
}
