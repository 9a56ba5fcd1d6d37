import { dieError } from '../params/api-error';
import { boolParam, strParam, type Params } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import type { SimContext } from '../sim-context';
import { configToApi } from '../state/container-config';
import { containerDigest } from '../state/container-pending';
import { diskWithoutSnapshots } from '../state/container-disks';
import { bringDown, bringUp } from '../state/container-runtime';
import type { ContainerState, SnapshotState } from '../state/sim-state';
import { TaskFailure } from '../tasks/task-runner';
import { assertNotLocked, target } from './route-helpers';

const SNAPNAME = { type: 'string', format: 'pve-configid', maxLength: 40 } as const;

function snapshotOf(sim: SimContext, params: Params): { ct: ContainerState; snap: SnapshotState } {
  const { node, vmid } = target(params);
  const ct = sim.state.requireContainer(node, vmid);
  const name = strParam(params, 'snapname') ?? '';
  const snap = ct.snapshots?.get(name);
  if (!snap) throw dieError(`snapshot '${name}' does not exist`);
  return { ct, snap };
}

/** `src/PVE/API2/LXC/Snapshot.pm`: the lock is taken synchronously, the work runs in a task. */
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
    handler: ({ params, sim, auth }) => {
      const { node, vmid } = target(params);
      const ct = sim.state.requireContainer(node, vmid);
      const name = strParam(params, 'snapname') ?? '';
      if (name === 'current' || name === 'vzdump') throw dieError(`unable to use snapshot name '${name}' (reserved name)`);
      if (ct.snapshots?.has(name)) throw dieError(`snapshot name '${name}' already used`);
      assertNotLocked(ct);
      ct.config.set('lock', 'snapshot');
      return sim.tasks.start({
        node,
        type: 'vzsnapshot',
        id: String(vmid),
        user: auth.fullUser,
        vmid,
        work: async (ctx) => {
          try {
            // `snapshot_prepare` (`has_feature('snapshot')`): raw files on dir/NFS storages cannot be snapshotted.
            if (diskWithoutSnapshots(sim, ct.config)) throw new TaskFailure('snapshot feature is not available');
            ctx.log(`snapshotting 'rootfs' (${ct.config.get('rootfs') ?? ''})`);
            await ctx.step(500);
            const config = new Map(ct.config);
            config.delete('lock');
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
    handler: ({ params, sim, auth }) => {
      const { ct, snap } = snapshotOf(sim, params);
      if (!boolParam(params, 'force')) assertNotLocked(ct);
      ct.config.set('lock', 'snapshot-delete');
      return sim.tasks.start({
        node: ct.node,
        type: 'vzdelsnapshot',
        id: String(ct.vmid),
        user: auth.fullUser,
        vmid: ct.vmid,
        work: async (ctx) => {
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
    handler: ({ params, sim, auth }) => {
      const { ct, snap } = snapshotOf(sim, params);
      assertNotLocked(ct);
      ct.config.set('lock', 'rollback');
      return sim.tasks.start({
        node: ct.node,
        type: 'vzrollback',
        id: String(ct.vmid),
        user: auth.fullUser,
        vmid: ct.vmid,
        work: async (ctx) => {
          if (ct.status === 'running') {
            ctx.log(`stopping CT ${ct.vmid}`);
            await bringDown(sim, ct);
          }
          await ctx.step(1000);
          const config = new Map(snap.config);
          config.set('parent', snap.name);
          ct.config = config;
          if (boolParam(params, 'start')) {
            const failure = sim.faults.takeTaskFailure('vzstart', ct.vmid);
            if (failure !== undefined) throw new TaskFailure(failure);
            await bringUp(sim, ct, ctx);
          }
        },
      }).upid;
    },
  },
];
