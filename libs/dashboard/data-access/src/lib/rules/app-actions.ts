import type { AppDto, AppStatus } from '@proxdeck/shared-contracts';

/** What a person can do to an app from its page. */
export type AppAction = 'start' | 'stop' | 'restart' | 'delete';

/**
 * Which action each status allows. Mirrors `allowedOperations` of server-domain, which the console
 * may not import (scope rules); the gateway stays the judge and answers 409 otherwise.
 */
const ALLOWED: Record<AppStatus, readonly AppAction[]> = {
  provisioning: [],
  running: ['stop', 'restart', 'delete'],
  stopped: ['start', 'delete'],
  error: ['start', 'stop', 'delete'],
  missing: ['delete'],
  deleting: [],
};

/** An action is possible when the status allows it and no other operation is in flight. */
export function canPerform(app: Pick<AppDto, 'status' | 'activeOperation'>, action: AppAction): boolean {
  if (app.activeOperation && app.activeOperation.state !== 'succeeded' && app.activeOperation.state !== 'failed') {
    return false;
  }
  return ALLOWED[app.status].includes(action);
}

/** RFC 1123 label, the same rule the gateway applies to hostnames. */
export const HOSTNAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** App ids; a hostname may not look like one (`/apps/<id>` is a console page, `/apps/<hostname>/` an app). */
export const APP_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
