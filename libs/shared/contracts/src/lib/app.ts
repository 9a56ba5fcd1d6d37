/** What Proxmox says about an app's container, as Proxdeck tracks it. */
export const APP_STATUSES = ['provisioning', 'running', 'stopped', 'error', 'missing', 'deleting'] as const;
export type AppStatus = (typeof APP_STATUSES)[number];

export interface AppResources {
  cores: number;
  memoryMb: number;
  diskGb: number;
}

export interface AppDto {
  id: string;
  name: string;
  catalogId: string;
  version: string;
  hostname: string;
  node: string | null;
  vmid: number | null;
  ip: string | null;
  status: AppStatus;
  /** Why the app is in `error`, in words a person understands. */
  statusReason: string | null;
  resources: AppResources;
  /** Where the gateway proxies the app: `/apps/<hostname>/`. Null until it has run once. */
  url: string | null;
  activeOperation: OperationSummaryDto | null;
  /** Environment values set by a person (configure), on top of the catalog's; never secrets. Empty for viewers (appForRole). */
  env: Record<string, string>;
  /** Settings saved in Proxmox that apply at the next restart (e.g. `env`, `memoryMb` over the hot-plug limit). */
  pendingChanges: string[];
  /** After an update: the version kept for one-click rollback, until `rollbackUntil`. */
  previousVersion: string | null;
  rollbackUntil: string | null;
  /** Newest version the entry's update track allows, from the last update check (null: none found). */
  latestVersion: string | null;
  /** True when the container existed before Proxdeck and was adopted. */
  adopted: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DeployAppRequest {
  catalogId: string;
  hostname: string;
  node?: string;
  resources?: Partial<AppResources>;
  inputs?: Record<string, string>;
}

export interface OperationSummaryDto {
  id: string;
  type: OperationType;
  state: OperationState;
  progress: number;
}

export const OPERATION_TYPES = [
  'deploy', 'start', 'stop', 'restart', 'delete',
  'clone', 'configure', 'backup', 'restore', 'update', 'rollback', 'adopt', 'backup-delete',
] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

export const OPERATION_STATES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type OperationState = (typeof OPERATION_STATES)[number];

export const STEP_STATES = ['pending', 'running', 'done', 'failed', 'skipped', 'compensated'] as const;
export type StepState = (typeof STEP_STATES)[number];

export interface OperationStepDto {
  name: string;
  state: StepState;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface OperationDto {
  id: string;
  type: OperationType;
  state: OperationState;
  appId: string | null;
  /** Hostname at the time of the request, so the history reads well after the app is gone. */
  appHostname: string;
  progress: number;
  steps: OperationStepDto[];
  error: string | null;
  requestedBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface OperationLogDto {
  at: string;
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** `202` answer of every long-running route. */
export interface AcceptedOperationDto {
  app?: AppDto;
  operation: OperationDto;
  /**
   * Deploy only: the passwords generated for the app (catalog `secrets`), by key. Shown this once:
   * Proxdeck keeps them encrypted for the container and never returns them again.
   */
  secrets?: Record<string, string>;
}

export function isTerminalOperationState(state: OperationState): boolean {
  return state === 'succeeded' || state === 'failed';
}

/** `POST /apps/:id/clone`: a new app with the source's settings. */
export interface CloneAppRequest {
  hostname: string;
  node?: string;
}

/** `PATCH /apps/:id/config`: cores/memory live, disk only grows, env (null removes a value) with a restart. */
export interface ConfigureAppRequest {
  cores?: number;
  memoryMb?: number;
  diskGb?: number;
  env?: Record<string, string | null>;
}

/** `GET /apps/:id/updates`. */
export interface AppUpdateInfoDto {
  current: string;
  latest: string | null;
  available: boolean;
  /** Newer versions the entry's update track allows, newest first. */
  versions: string[];
  checkedAt: string | null;
}

/** `POST /apps/:id/update`: the newest allowed version unless one is named. */
export interface UpdateAppRequest {
  version?: string;
}
