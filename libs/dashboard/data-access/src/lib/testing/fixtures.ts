import type { AppDto, LoginResponse, OperationDto } from '@proxdeck/shared-contracts';

/** Test data shaped like the gateway's answers; override what a test cares about. */
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
    state: 'running',
    appId: 'app-1',
    appHostname: 'web-1',
    progress: 40,
    steps: [
      { name: 'reserve', state: 'done', startedAt: '2026-11-23T10:00:00.000Z', finishedAt: '2026-11-23T10:00:01.000Z' },
      { name: 'create', state: 'running', startedAt: '2026-11-23T10:00:01.000Z', finishedAt: null },
    ],
    error: null,
    requestedBy: 'admin',
    createdAt: '2026-11-23T10:00:00.000Z',
    startedAt: '2026-11-23T10:00:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}

export function aLogin(accessToken = 'token-1', expiresIn = 900): LoginResponse {
  return {
    accessToken,
    expiresIn,
    user: { id: 'u1', username: 'admin', role: 'admin', mode: 'auto', createdAt: '2026-11-23T09:00:00.000Z' },
  };
}

/** In-memory stand-in for localStorage. */
export function memoryStorage(initial: Record<string, string> = {}): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}
