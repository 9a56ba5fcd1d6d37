import type { AppStatus } from '@proxdeck/shared-contracts';

/** What `/cluster/resources` says about an app's container (absent: no row with its VMID). */
export interface ObservedContainer {
  node: string;
  /** running | stopped | unknown (a new CT, or its node is offline). */
  status: string;
  lock?: string;
  nodeOnline: boolean;
}

export interface ReconciledApp {
  status: AppStatus;
  statusReason: string | null;
  node: string | null;
  vmid: number | null;
}

export type StatusPatch = Partial<Pick<ReconciledApp, 'status' | 'statusReason' | 'node'>>;

export function nodeOfflineReason(node: string): string {
  return `Node ${node} is offline; Proxmox cannot say how the container is until the node is back.`;
}

export function lockedReason(vmid: number, lock: string): string {
  return `Container ${vmid} is locked (${lock}) in Proxmox; operations on it wait until the lock is released.`;
}

export function goneReason(vmid: number): string {
  return `Container ${vmid} no longer exists in Proxmox (deleted outside Proxdeck). Restore a backup or delete the app.`;
}

export const STOPPED_OUTSIDE_REASON = 'The container was stopped outside Proxdeck.';
export const INTERRUPTED_RUNNING_REASON = 'The last operation was interrupted; the container runs but was not health-checked. Restart or stop the app.';
export const INTERRUPTED_STOPPED_REASON = 'The last operation was interrupted; the container is stopped. Start or delete the app.';
export const INTERRUPTED_NO_CONTAINER_REASON = 'The last operation was interrupted before a container was made. Delete the app and try again.';

/** Reasons the loop sets for a passing condition (node offline, lock); they clear when it passes. */
function isPassingReason(reason: string | null): boolean {
  return reason !== null && (/^Node \S+ is offline; Proxmox cannot say/.test(reason) || /^Container \d+ is locked \(/.test(reason));
}

/**
 * The reconcile loop's rules for one app that has no operation in flight (operations own the app
 * while they run). Proxmox is the truth for whether the container exists and runs; Proxdeck's
 * own judgement (health) is kept:
 * - gone from `/cluster/resources` -> `missing`;
 * - its node offline -> status kept, the reason says so (an offline node is usually back soon, and
 *   the status says what the app was; flipping to `error` would lose that);
 * - stopped outside -> `stopped`; running again (started outside, or the container came back) from
 *   `stopped` or `missing` -> `running`;
 * - `error` with a running container stays `error`: only an operation's health check clears it;
 * - `provisioning`/`deleting` without an operation (it was interrupted and failed) -> what
 *   Proxmox shows: `error` when running (not health-checked), `stopped`, or `missing`;
 * - status `unknown` (a container Proxmox has no data on yet) changes nothing;
 * - a lock sets the reason (an `error` keeps its own) until it is released;
 * - a container migrated outside Proxdeck gets its new node recorded.
 * Returns only what changes, or null.
 */
export function reconcileAppStatus(app: ReconciledApp, ct: ObservedContainer | undefined): StatusPatch | null {
  const next = decide(app, ct);
  const patch: StatusPatch = {};
  if (next.status !== app.status) patch.status = next.status;
  if (next.statusReason !== app.statusReason) patch.statusReason = next.statusReason;
  if (next.node !== app.node) patch.node = next.node;
  return Object.keys(patch).length ? patch : null;
}

function decide(app: ReconciledApp, ct: ObservedContainer | undefined): ReconciledApp {
  const interrupted = app.status === 'provisioning' || app.status === 'deleting';
  if (app.vmid === null) {
    return interrupted ? { ...app, status: 'missing', statusReason: INTERRUPTED_NO_CONTAINER_REASON } : app;
  }
  if (!ct) {
    return app.status === 'missing' ? app : { ...app, status: 'missing', statusReason: goneReason(app.vmid) };
  }
  const here = { ...app, node: ct.node };
  if (!ct.nodeOnline) return { ...here, statusReason: nodeOfflineReason(ct.node) };

  const settled = isPassingReason(app.statusReason) ? { ...here, statusReason: null } : here;
  const withStatus = applyPowerState(settled, ct.status, interrupted);
  if (ct.lock && withStatus.status !== 'error') {
    return { ...withStatus, statusReason: lockedReason(app.vmid, ct.lock) };
  }
  return withStatus;
}

function applyPowerState(app: ReconciledApp, power: string, interrupted: boolean): ReconciledApp {
  if (power === 'running') {
    if (interrupted) return { ...app, status: 'error', statusReason: INTERRUPTED_RUNNING_REASON };
    if (app.status === 'stopped' || app.status === 'missing') return { ...app, status: 'running', statusReason: null };
    return app;
  }
  if (power === 'stopped') {
    if (interrupted) return { ...app, status: 'stopped', statusReason: INTERRUPTED_STOPPED_REASON };
    if (app.status === 'running') return { ...app, status: 'stopped', statusReason: STOPPED_OUTSIDE_REASON };
    if (app.status === 'missing') return { ...app, status: 'stopped', statusReason: null };
    // An unhealthy app that is now stopped is simply stopped; its reason still says what went wrong.
    if (app.status === 'error') return { ...app, status: 'stopped' };
    return app;
  }
  return app;
}
