import {
  INTERRUPTED_NO_CONTAINER_REASON, INTERRUPTED_RUNNING_REASON, STOPPED_OUTSIDE_REASON, goneReason, lockedReason, nodeOfflineReason,
  reconcileAppStatus, type ObservedContainer, type ReconciledApp,
} from './app-status-rules';

const app = (over: Partial<ReconciledApp> = {}): ReconciledApp => ({ status: 'running', statusReason: null, node: 'pve1', vmid: 100, ...over });
const ct = (over: Partial<ObservedContainer> = {}): ObservedContainer => ({ node: 'pve1', status: 'running', nodeOnline: true, ...over });

describe('reconcileAppStatus', () => {
  it('changes nothing when Proxmox agrees', () => {
    expect(reconcileAppStatus(app(), ct())).toBeNull();
    expect(reconcileAppStatus(app({ status: 'stopped' }), ct({ status: 'stopped' }))).toBeNull();
  });

  it('marks a container stopped outside Proxdeck as stopped, with the reason', () => {
    expect(reconcileAppStatus(app(), ct({ status: 'stopped' }))).toEqual({ status: 'stopped', statusReason: STOPPED_OUTSIDE_REASON });
  });

  it('marks a container started outside Proxdeck as running and clears the reason', () => {
    expect(reconcileAppStatus(app({ status: 'stopped', statusReason: STOPPED_OUTSIDE_REASON }), ct())).toEqual({ status: 'running', statusReason: null });
  });

  it('marks a deleted container missing once', () => {
    expect(reconcileAppStatus(app(), undefined)).toEqual({ status: 'missing', statusReason: goneReason(100) });
    expect(reconcileAppStatus(app({ status: 'missing', statusReason: goneReason(100) }), undefined)).toBeNull();
  });

  it('leaves an unhealthy app in error while its container runs', () => {
    expect(reconcileAppStatus(app({ status: 'error', statusReason: 'did not become healthy' }), ct())).toBeNull();
  });

  it('keeps the status of an app on an offline node and says why, then clears the reason when it is back', () => {
    const offline = reconcileAppStatus(app(), ct({ status: 'unknown', nodeOnline: false }));
    expect(offline).toEqual({ statusReason: nodeOfflineReason('pve1') });
    expect(reconcileAppStatus(app({ statusReason: nodeOfflineReason('pve1') }), ct())).toEqual({ statusReason: null });
  });

  it('names a lock in the reason until it is released', () => {
    expect(reconcileAppStatus(app(), ct({ lock: 'backup' }))).toEqual({ statusReason: lockedReason(100, 'backup') });
    expect(reconcileAppStatus(app({ statusReason: lockedReason(100, 'backup') }), ct())).toEqual({ statusReason: null });
    expect(reconcileAppStatus(app({ status: 'stopped', statusReason: STOPPED_OUTSIDE_REASON }), ct({ status: 'stopped', lock: 'backup' })))
      .toEqual({ statusReason: lockedReason(100, 'backup') });
    expect(reconcileAppStatus(app({ status: 'error', statusReason: 'did not become healthy' }), ct({ lock: 'backup' }))).toBeNull();
  });

  it('settles an app whose operation was interrupted by what Proxmox shows', () => {
    expect(reconcileAppStatus(app({ status: 'provisioning' }), ct())).toEqual({ status: 'error', statusReason: INTERRUPTED_RUNNING_REASON });
    expect(reconcileAppStatus(app({ status: 'provisioning', vmid: null, node: null }), undefined)).toEqual({ status: 'missing', statusReason: INTERRUPTED_NO_CONTAINER_REASON });
  });

  it('ignores a container Proxmox has no status for yet', () => {
    expect(reconcileAppStatus(app({ status: 'stopped' }), ct({ status: 'unknown' }))).toBeNull();
  });

  it('records the node of a container migrated outside Proxdeck', () => {
    expect(reconcileAppStatus(app(), ct({ node: 'pve2' }))).toEqual({ node: 'pve2' });
  });
});
