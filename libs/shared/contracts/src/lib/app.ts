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

export const OPERATION_TYPES = ['deploy', 'start', 'stop', 'restart', 'delete'] as const;
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
}

export function isTerminalOperationState(state: OperationState): boolean {
  return state === 'succeeded' || state === 'failed';
}
