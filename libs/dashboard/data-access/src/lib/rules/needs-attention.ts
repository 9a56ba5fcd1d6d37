import type { AppDto, OperationDto } from '@proxdeck/shared-contracts';

/** One thing a person should look at, with where to go about it. */
export interface AttentionItem {
  kind: 'app-error' | 'app-missing' | 'operation-failed' | 'update-available';
  /** What is wrong, as a sentence. */
  message: string;
  appId: string | null;
  operationId: string | null;
  at: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function hasUpdate(app: AppDto): boolean {
  return !!app.latestVersion && app.latestVersion !== app.version;
}

/**
 * What needs attention on the dashboard: apps in error or missing, operations that failed in the
 * last 24 hours, and apps with a newer version. Problems first, updates last; newest first within.
 */
export function needsAttention(apps: readonly AppDto[], operations: readonly OperationDto[], now: Date = new Date()): AttentionItem[] {
  const problems: AttentionItem[] = [];
  const updates: AttentionItem[] = [];
  for (const app of apps) {
    if (app.status === 'error' || app.status === 'missing') {
      const why = app.statusReason ? `: ${app.statusReason}` : '.';
      problems.push({
        kind: app.status === 'error' ? 'app-error' : 'app-missing',
        message: app.status === 'error' ? `${app.hostname} is in error${why}` : `${app.hostname} is missing on Proxmox${why}`,
        appId: app.id,
        operationId: null,
        at: app.updatedAt,
      });
    }
    if (hasUpdate(app)) {
      updates.push({
        kind: 'update-available',
        message: `${app.hostname} can be updated from ${app.version} to ${app.latestVersion}.`,
        appId: app.id,
        operationId: null,
        at: app.updatedAt,
      });
    }
  }
  const since = now.getTime() - DAY_MS;
  for (const operation of operations) {
    const at = operation.finishedAt ?? operation.createdAt;
    if (operation.state !== 'failed' || new Date(at).getTime() < since) continue;
    const target = operation.appHostname ? ` of ${operation.appHostname}` : '';
    const why = operation.error ? `: ${operation.error}` : '.';
    problems.push({
      kind: 'operation-failed',
      message: `The ${operation.type}${target} failed${why}`,
      appId: operation.appId,
      operationId: operation.id,
      at,
    });
  }
  const newestFirst = (a: AttentionItem, b: AttentionItem) => b.at.localeCompare(a.at);
  return [...problems.sort(newestFirst), ...updates.sort(newestFirst)];
}
