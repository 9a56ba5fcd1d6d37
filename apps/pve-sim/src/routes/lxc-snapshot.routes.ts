import { dieError } from '../params/api-error';
import { boolParam, strParam, type Params } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import type { SimContext } from '../sim-context';
import { configToApi } from '../state/container-config';
import { containerDigest } from '../state/container-pending';
import { diskEntries, diskWithoutSnapshots } from '../state/container-disks';
import type { ConfigMap } from '../state/container-config';
import { addUnused } from '../state/mount-points';
import { bringDown, bringUp } from '../state/container-runtime';
import type { ContainerState, SnapshotState } from '../state/sim-state';
import { TaskFailure } from '../tasks/task-runner';
import { target } from './route-helpers';

const SNAPNAME = { type: 'string', format: 'pve-configid', maxLength: 40 } as const;

function snapshotOf(sim: SimContext, params: Params): { ct: ContainerState; snap: SnapshotState } {
  const { node, vmid } = target(params);
  const ct = sim.state.requireContainer(node, vmid);
  const name = strParam(params, 'snapname') ?? '';
  const snap = ct.snapshots?.get(name);
  if (!snap) throw dieError(`snapshot '${name}' does not exist`);
  return { ct, snap };
}

/** `src/PVE/API2/LXC/Snapshot.pm`: besides the reserved names, every check runs inside the task. */
export const lxcSnapshotRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/nodes/{node}/lxc/{vmid}/snapshot',
    handler: ({ params, sim }) => {
      const { node, vmid } = target(params);
      const ct = sim.state.requireContainer(node, vmid);
      const list: Array<Record<string, unknown>> = [...(ct.snapshots?.values() ?? [])].map((s) => {
        const item: Record<string, unknown> = { name: s.name, snaptime: s.snaptime, description: s.description };
        if (s.parent) item['parent'] = s.parent;
        return item;
      });
      const current: Record<string, unknown> = { name: 'current', digest: containerDigest(ct), running: ct.status === 'running' ? 1 : 0, description: 'You are here!' };
      const parent = ct.config.get('parent');
      if (parent) current['parent'] = parent;
      return [...list, current];
    },
  },
  {
    method: 'POST',
    path: '/nodes/{node}/lxc/{vmid}/snapshot',
    schema: { snapname: SNAPNAME, description: { type: 'string', optional: true } },
    // Snapshot.pm L139-164: only the reserved names are refused before the task; the rest is
    // AbstractConfig.pm `__snapshot_prepare` L730-785, inside it.
    handler: ({ params, sim, auth }) => {
      const { node, vmid } = target(params);
      const name = strParam(params, 'snapname') ?? '';
      if (name === 'current' || name === 'vzdump') throw dieError(`unable to use snapshot name '${name}' (reserved name)`);
      return sim.tasks.start({
        node,
        type: 'vzsnapshot',
        id: String(vmid),
        user: auth.fullUser,
        vmid,
        work: async (ctx) => {
          const ct = containerInTask(sim, node, vmid);
          if (ct.config.get('template') === '1') throw new TaskFailure("you can't take a snapshot if it's a template");
          taskCheckLock(ct);
          if (ct.snapshots?.has(name)) throw new TaskFailure(`snapshot name '${name}' already used`);
          // `has_feature('snapshot')`: raw files on dir/NFS storages cannot be snapshotted.
          if (diskWithoutSnapshots(sim, ct.config)) throw new TaskFailure('snapshot feature is not available');
          ct.config.set('lock', 'snapshot');
          try {
            ctx.log(`snapshotting 'rootfs' (${ct.config.get('rootfs') ?? ''})`);
            await ctx.step(500);
            // `__snapshot_copy_config` L691-706: not the lock, the description or unused volumes.
            const config = new Map([...ct.config].filter(([k]) => k !== 'lock' && k !== 'description' && !/^unused\d+$/.test(k)));
            const parent = ct.config.get('parent');
            ct.snapshots ??= new Map();
            ct.snapshots.set(name, { name, config, snaptime: sim.nowSeconds(), description: strParam(params, 'description') ?? '', parent });
            ct.config.set('parent', name);
          } finally {
            if (ct.config.get('lock') === 'snapshot') ct.config.delete('lock');
          }
        },
      }).upid;
    },
  },
  {
    method: 'GET',
    path: '/nodes/{node}/lxc/{vmid}/snapshot/{snapname}',
    schema: { snapname: SNAPNAME },
    handler: ({ params, sim }) => {
      snapshotOf(sim, params);
      return [{ rel: 'config' }, { rel: 'rollback' }];
    },
  },
  {
    method: 'GET',
    path: '/nodes/{node}/lxc/{vmid}/snapshot/{snapname}/config',
    schema: { snapname: SNAPNAME },
    handler: ({ params, sim }) => {
      const { snap } = snapshotOf(sim, params);
      const out = configToApi(snap.config);
      delete out['digest'];
      return { ...out, snaptime: snap.snaptime, description: snap.description };
    },
  },
  {
    method: 'PUT',
    path: '/nodes/{node}/lxc/{vmid}/snapshot/{snapname}/config',
    schema: { snapname: SNAPNAME, description: { type: 'string', optional: true } },
    handler: ({ params, sim }) => {
      const { snap } = snapshotOf(sim, params);
      const description = strParam(params, 'description');
      if (description !== undefined) snap.description = description;
      return null;
    },
  },
  {
    method: 'DELETE',
    path: '/nodes/{node}/lxc/{vmid}/snapshot/{snapname}',
    schema: { snapname: SNAPNAME, force: { type: 'boolean', optional: true } },
    // Snapshot.pm L195-228, AbstractConfig.pm `snapshot_delete` L922-1064: every check in the
    // task; `force` does not skip the lock check.
    handler: ({ params, sim, auth }) => {
      const { node, vmid } = target(params);
      const name = strParam(params, 'snapname') ?? '';
      return sim.tasks.start({
        node,
        type: 'vzdelsnapshot',
        id: String(vmid),
        user: auth.fullUser,
        vmid,
        work: async (ctx) => {
          const ct = containerInTask(sim, node, vmid);
          const snap = ct.snapshots?.get(name);
          if (!snap) throw new TaskFailure(`snapshot '${name}' does not exist`);
          taskCheckLock(ct);
          ct.config.set('lock', 'snapshot-delete');
          try {
            await ctx.step(500);
            // Children of the removed snapshot inherit its parent.
            for (const other of ct.snapshots?.values() ?? []) if (other.parent === snap.name) other.parent = snap.parent;
            if (ct.config.get('parent') === snap.name) {
              if (snap.parent) ct.config.set('parent', snap.parent);
              else ct.config.delete('parent');
            }
            ct.snapshots?.delete(snap.name);
          } finally {
            if (ct.config.get('lock') === 'snapshot-delete') ct.config.delete('lock');
          }
        },
      }).upid;
    },
  },
  {
    method: 'POST',
    path: '/nodes/{node}/lxc/{vmid}/snapshot/{snapname}/rollback',
    schema: { snapname: SNAPNAME, start: { type: 'boolean', optional: true } },
    // Snapshot.pm L296-324, AbstractConfig.pm `snapshot_rollback` L1124-1215: checks in the task,
    // a running CT is stopped hard; `start=1` starts a task of its own afterwards (Status.pm L214).
    handler: ({ params, sim, auth }) => {
      const { node, vmid } = target(params);
      const name = strParam(params, 'snapname') ?? '';
      return sim.tasks.start({
        node,
        type: 'vzrollback',
        id: String(vmid),
        user: auth.fullUser,
        vmid,
        work: async (ctx) => {
          const ct = containerInTask(sim, node, vmid);
          if (ct.config.get('template') === '1') throw new TaskFailure("you can't rollback if vm is a template");
          const snap = ct.snapshots?.get(name);
          if (!snap) throw new TaskFailure(`snapshot '${name}' does not exist`);
          taskCheckLock(ct);
          if (ct.status === 'running') {
            ctx.log(`stopping CT ${ct.vmid}`);
            await bringDown(sim, ct);
          }
          ct.config.set('lock', 'rollback');
          await ctx.step(1000);
          ct.config = rolledBackConfig(ct.config, snap);
          if (boolParam(params, 'start')) startAfterRollback(sim, ct, auth.fullUser);
        },
      }).upid;
    },
  },
];

/** A snapshot task's config lookup (the handlers load nothing before `fork_worker`). */
function containerInTask(sim: SimContext, node: string, vmid: number): ContainerState {
  const ct = sim.state.containers.get(vmid);
  if (!ct || ct.node !== node) throw new TaskFailure(`Configuration file 'nodes/${node}/lxc/${vmid}.conf' does not exist`);
  return ct;
}

/** `check_lock` (AbstractConfig.pm L336-340), inside the task. */
function taskCheckLock(ct: ContainerState): void {
  const lock = ct.config.get('lock');
  if (lock) throw new TaskFailure(`CT is locked (${lock})`);
}

/**
 * `__snapshot_apply_config` (AbstractConfig.pm L709-726) and pve-container Config.pm L291-322:
 * the snapshot's keys, the current description and unused volumes, current volumes the snapshot
 * lacks as `unusedN`, `parent` the snapshot.
 */
function rolledBackConfig(current: ConfigMap, snap: SnapshotState): ConfigMap {
  const config: ConfigMap = new Map(snap.config);
  const description = current.get('description');
  if (description !== undefined) config.set('description', description);
  for (const [k, v] of current) if (/^unused\d+$/.test(k)) config.set(k, v);
  const kept = new Set(diskEntries(config).map((d) => d.volid));
  for (const disk of diskEntries(current)) if (!kept.has(disk.volid)) addUnused(config, disk.volid);
  config.set('parent', snap.name);
  return config;
}

/** `vm_start` from the rollback worker: a `vzstart` task of its own, its failure its own. */
function startAfterRollback(sim: SimContext, ct: ContainerState, user: string): void {
  sim.tasks.start({
    node: ct.node,
    type: 'vzstart',
    id: String(ct.vmid),
    user,
    vmid: ct.vmid,
    flock: ct.vmid,
    work: async (ctx) => {
      const failure = sim.faults.takeTaskFailure('vzstart', ct.vmid);
      if (failure !== undefined) throw new TaskFailure(failure);
      await bringUp(sim, ct, ctx);
    },
  });
}
