import type {
  AdoptionCandidateDto,
  AppDto,
  BackupDto,
  LoginResponse,
  OperationDto,
  Role,
  UserMode,
} from '@proxdeck/shared-contracts';

/*
 * Test data shaped like the gateway's answers, for the console's unit and component tests (this
 * library's and the dashboard app's). Override what a test is about. Nothing in the production
 * bundle imports these, so they are tree-shaken out of it.
 */

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

/** A finished deploy unless told otherwise. */
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

export function aBackup(overrides: Partial<BackupDto> = {}): BackupDto {
  return {
    id: 'backup-1',
    appId: 'app-1',
    appHostname: 'web-1',
    catalogId: 'nginx',
    appVersion: '1.27',
    node: 'pve1',
    storage: 'local',
    volid: 'local:backup/vzdump-lxc-9001-2026_11_23-11_00_00.tar.zst',
    sizeBytes: 52_428_800,
    kind: 'manual',
    protected: false,
    notes: 'web-1 (nginx 1.27)',
    createdAt: '2026-11-23T11:00:00.000Z',
    ...overrides,
  };
}

export function anAdoptionCandidate(overrides: Partial<AdoptionCandidateDto> = {}): AdoptionCandidateDto {
  return { node: 'pve2', vmid: 200, name: 'legacy-wiki', status: 'running', tags: [], cores: 2, memoryMb: 1024, diskGb: 8, ...overrides };
}

export interface LoginOptions {
  role?: Role;
  mode?: UserMode;
  accessToken?: string;
  expiresIn?: number;
}

export function aLogin({ role = 'admin', mode = 'auto', accessToken = 'token-1', expiresIn = 900 }: LoginOptions = {}): LoginResponse {
  return {
    accessToken,
    expiresIn,
    user: { id: 'u1', username: 'admin', role, mode, createdAt: '2026-11-23T09:00:00.000Z' },
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
