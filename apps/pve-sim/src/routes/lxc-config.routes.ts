import { checkRootOnlyConfig } from '../access/root-only';
import { dieError, paramError } from '../params/api-error';
import { strParam } from '../params/param-schema';
import type { RequestContext, RouteDef } from '../http/router';
import { configToApi, normalizeTags } from '../state/container-config';
import { appliesLive, applyPending, containerDigest, deletePending, effectiveConfig, revertPending, setPending } from '../state/container-pending';
import { FlockTimeout } from '../tasks/config-flock';
import type { SimContext } from '../sim-context';
import { containerFeatures } from '../state/container-features';
import { applyPendingMountPoints, deleteMountPoint, setMountPoint } from '../state/mount-points';
import type { ContainerState } from '../state/sim-state';
import { CONFIG_PROPS, REQUIRED_CONFIG_KEYS, UPDATE_SCHEMA } from './lxc-schema';
import { assertDigest, assertNotLocked, target } from './route-helpers';

const splitList = (text: string | undefined): string[] => (text ?? '').split(/[,;\s]+/).filter((k) => k !== '');

/**
 * `PUT .../config` (`update_pct_config`): a stopped CT gets everything at once; a running CT gets
 * fastplug/hotplug keys at once and the rest in `[pve:pending]` until the next start or reboot.
 */
function updateConfig({ params, sim, auth }: RequestContext): null {
  const { node, vmid } = target(params);
  const ct = sim.state.requireContainer(node, vmid);
  const changes = Object.keys(params).filter((k) => k !== 'node' && k !== 'vmid' && k !== 'digest');
  if (changes.length === 0) throw dieError('no options specified');
  const toDelete = splitList(strParam(params, 'delete'));
  const toRevert = splitList(strParam(params, 'revert'));
  const errors: Record<string, string> = {};
  for (const k of toDelete) {
    if (!CONFIG_PROPS[k]) errors['delete'] = `unknown option '${k}'`;
    else if (params[k] !== undefined) errors[k] = `You can't change option '${k}' and delete it at the same time`;
  }
  for (const k of toRevert) if (!CONFIG_PROPS[k]) errors['revert'] = `unknown option '${k}'`;
  if (Object.keys(errors).length > 0) throw paramError(errors);
  assertNotLocked(ct);
  assertDigest(ct, strParam(params, 'digest'));
  checkRootOnlyConfig(sim, auth, vmid, {
    current: ct.config.get('features'),
    next: strParam(params, 'features'),
    deleteFeatures: toDelete.includes('features'),
    hookscript: params['hookscript'] !== undefined || toDelete.includes('hookscript'),
    unprivileged: ct.config.get('unprivileged') === '1',
  });
  for (const k of toDelete) {
    if (REQUIRED_CONFIG_KEYS.includes(k)) throw dieError(`unable to delete required option '${k}'`);
    if (k === 'unprivileged') throw dieError("unable to modify read-only option: 'unprivileged'");
  }
  if (params['unprivileged'] !== undefined && String(params['unprivileged']) !== (ct.config.get('unprivileged') ?? '0')) {
    throw dieError("unable to modify read-only option: 'unprivileged'");
  }
  if (params['rootfs'] !== undefined) throw dieError("pve-sim: changing 'rootfs' is not implemented (use resize or move_volume)");
  const running = ct.status === 'running';
  const features = containerFeatures(sim.options.containerVersion);
  for (const k of toRevert) revertPending(ct, k);
  for (const k of toDelete) {
    if (running && !appliesLive(ct, k, true)) {
      deletePending(ct, k);
      continue;
    }
    if (/^unused\d+$/.test(k)) deleteUnused(sim, ct, k);
    else if (/^mp\d+$/.test(k)) deleteMountPoint(ct.config, k);
    else ct.config.delete(k);
    revertPending(ct, k);
  }
  for (const [k, v] of Object.entries(params)) {
    if (!/^mp\d+$/.test(k) || v === undefined) continue;
    if (setMountPoint(sim, ct, k, String(v), features) === 'pending') setPending(ct, k, String(v));
    else revertPending(ct, k);
  }
  for (const [k, v] of Object.entries(params)) {
    if (!CONFIG_PROPS[k] || v === undefined || /^mp\d+$/.test(k)) continue;
    const value = k === 'tags' ? normalizeTags(String(v)) : Array.isArray(v) ? v.join(',') : String(v);
    if (running && !appliesLive(ct, k, false)) {
      setPending(ct, k, value);
    } else {
      ct.config.set(k, value);
      revertPending(ct, k);
    }
  }
  if (!running) {
    applyPendingMountPoints(sim, ct, features);
    applyPending(ct);
  }
  return null;
}

/**
 * `delete=unusedN`, at once even on a running CT (Config.pm L1664-1666, L1770-1772): the volume
 * is freed unless the config, a snapshot or a pending change still uses it.
 */
function deleteUnused(sim: SimContext, ct: ContainerState, key: string): void {
  const volid = ct.config.get(key);
  ct.config.delete(key);
  if (!volid) return;
  const uses = (conf: Map<string, string> | undefined): boolean => [...(conf ?? new Map<string, string>()).values()].some((v) => v === volid || v.startsWith(`${volid},`));
  const inUse = uses(ct.config) || uses(ct.pending) || [...(ct.snapshots?.values() ?? [])].some((s) => uses(s.config));
  if (!inUse) sim.state.removeVolume(ct.node, volid);
}

export const lxcConfigRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/nodes/{node}/lxc/{vmid}/config',
    schema: { current: { type: 'boolean', optional: true }, snapshot: { type: 'string', optional: true, format: 'pve-configid', maxLength: 40 } },
    handler: ({ params, sim }) => {
      const { node, vmid } = target(params);
      const ct = sim.state.requireContainer(node, vmid);
      const snapshot = strParam(params, 'snapshot');
      if (snapshot !== undefined) {
        if (params['current'] !== undefined) throw paramError({ snapshot: 'cannot use current and snapshot at the same time' });
        const snap = ct.snapshots?.get(snapshot);
        if (!snap) throw dieError(`snapshot '${snapshot}' does not exist`);
        return configToApi(snap.config);
      }
      // By default pending values are shown applied; `current=1` gives the committed ones.
      const conf = params['current'] === 1 ? ct.config : effectiveConfig(ct);
      return { ...configToApi(conf), digest: containerDigest(ct) };
    },
  },
  {
    method: 'PUT',
    path: '/nodes/{node}/lxc/{vmid}/config',
    schema: UPDATE_SCHEMA,
    // The whole read-modify-write runs under the config flock (waits up to 10 s for a task holding it).
    handler: async (rc: RequestContext) => {
      const release = await rc.sim.tasks.flocks.acquire(target(rc.params).vmid, 10_000).catch((err: unknown) => {
        throw err instanceof FlockTimeout ? dieError(err.message) : err;
      });
      try {
        return updateConfig(rc);
      } finally {
        release();
      }
    },
  },
  {
    method: 'GET',
    path: '/nodes/{node}/lxc/{vmid}/pending',
    handler: ({ params, sim }) => {
      const { node, vmid } = target(params);
      const ct = sim.state.requireContainer(node, vmid);
      const current = configToApi(ct.config);
      const pending = configToApi(ct.pending ?? new Map());
      delete current['digest'];
      delete pending['digest'];
      const keys = [...new Set([...Object.keys(current), ...Object.keys(pending), ...(ct.pendingDelete ?? [])])].sort();
      return keys.map((key) => {
        const item: Record<string, unknown> = { key };
        if (current[key] !== undefined) item['value'] = current[key];
        if (pending[key] !== undefined) item['pending'] = pending[key];
        if (ct.pendingDelete?.has(key)) item['delete'] = 1;
        return item;
      });
    },
  },
];
