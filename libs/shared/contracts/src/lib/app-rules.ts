import type { AppStatus, OperationType } from './app';

/** RFC 1123 label: what Proxmox accepts as a CT hostname and what we use in `/apps/<hostname>/`. */
export const HOSTNAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * App ids are UUIDs. The console's pages are `/apps/<id>` and the app proxy is `/apps/<hostname>/`,
 * so a hostname shaped like a UUID is refused: one path can never mean both.
 */
export const APP_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function hostnameProblem(hostname: string): string | null {
  if (!hostname) return 'must not be empty';
  if (APP_ID_PATTERN.test(hostname)) return 'must not look like an app id (a UUID)';
  if (hostname.length > 63) return 'must be at most 63 characters';
  if (!HOSTNAME_PATTERN.test(hostname)) {
    return 'use lowercase letters, digits and hyphens; start and end with a letter or digit';
  }
  return null;
}

/**
 * Which operation a person may start from each app status (deploy creates the app, so it is not
 * here). Shared by the gateway (the judge) and the console (which greys out the rest).
 */
const ALLOWED: Record<AppStatus, readonly OperationType[]> = {
  provisioning: [],
  running: ['stop', 'restart', 'delete', 'clone', 'configure', 'backup', 'restore', 'update', 'rollback'],
  stopped: ['start', 'delete', 'clone', 'configure', 'backup', 'restore', 'rollback'],
  error: ['start', 'stop', 'delete', 'configure', 'backup', 'restore', 'rollback'],
  // The container is gone from Proxmox: restoring a backup in place brings it back.
  missing: ['delete', 'restore'],
  deleting: [],
};

export function allowedOperations(status: AppStatus): readonly OperationType[] {
  return ALLOWED[status];
}

/** Null when allowed, else a sentence saying why not. */
export function operationRefusal(type: OperationType, status: AppStatus): string | null {
  if (ALLOWED[status].includes(type)) return null;
  if (type === 'start' && status === 'running') return 'The app is already running.';
  if (type === 'stop' && status === 'stopped') return 'The app is already stopped.';
  if (type === 'restart' && status === 'stopped') return 'The app is stopped; start it instead.';
  if (type === 'update' && status === 'stopped') return 'Start the app first: an update is health-checked while it runs.';
  return `The app is ${status}; ${type} is not possible now.`;
}
