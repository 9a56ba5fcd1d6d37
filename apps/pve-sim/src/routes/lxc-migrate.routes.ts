import { ApiError, dieError, paramError } from '../params/api-error';
import { boolParam, numParam, strParam } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import { diskEntries, diskValue } from '../state/container-disks';
import { bringDown, bringUp } from '../state/container-runtime';
import { TaskFailure } from '../tasks/task-runner';
import { assertNotLocked, target, startContainerTask } from './route-helpers';

const hms = (s: number): string => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

/**
 * `POST /nodes/{node}/lxc/{vmid}/migrate`: offline, or `restart` mode for a running CT (stop, move,
 * start on the target). Local volumes are copied to the same storage id on the target (or
 * `target-storage`); volumes on the shared storage stay where they are. Live migration does not exist for containers.
 */
export const lxcMigrateRoutes: RouteDef[] = [
  {
    // `migrate_vm_precondition` (PVE 9): the CT must exist here and be unlocked; every other cluster
    // node (online or not) is allowed, as nothing is HA-managed in the sim. `target` is accepted, unused.
    method: 'GET',
    path: '/nodes/{node}/lxc/{vmid}/migrate',
    schema: { target: { type: 'string', optional: true, format: 'pve-node' } },
    handler: ({ params, sim }) => {
      const { node, vmid } = target(params);
      const ct = sim.state.requireContainer(node, vmid);
      assertNotLocked(ct);
      return {
        running: ct.status === 'running' ? 1 : 0,
        'allowed-nodes': sim.state.nodes.map((n) => n.name).filter((name) => name !== node),
        'not-allowed-nodes': {},
      };
    },
  },
  {
    method: 'POST',
    path: '/nodes/{node}/lxc/{vmid}/migrate',
    schema: {
      target: { type: 'string', format: 'pve-node' },
      online: { type: 'boolean', optional: true },
      restart: { type: 'boolean', optional: true },
      timeout: { type: 'integer', optional: true },
      'target-storage': { type: 'string', optional: true },
      bwlimit: { type: 'number', optional: true, minimum: 0 },
    },
    handler: ({ params, sim, auth }) => {
      const { node, vmid } = target(params);
      const targetNode = strParam(params, 'target') ?? '';
      if (targetNode === node) throw paramError({ target: 'target is local node.' });
      const dest = sim.state.node(targetNode);
      if (!dest) throw dieError(`no such cluster node '${targetNode}'`);
      if (dest.status !== 'online') throw new ApiError(500, `target node '${targetNode}' is not online`);
      const ct = sim.state.requireContainer(node, vmid);
      assertNotLocked(ct);
      if (boolParam(params, 'online')) throw dieError('lxc live migration is currently not implemented');
      const restart = boolParam(params, 'restart');
      if (ct.status === 'running' && !restart) throw dieError("can't migrate running container without --online or --restart");
      const targetStorage = strParam(params, 'target-storage');
      if (targetStorage !== undefined && !/^[a-z][a-z0-9\-_.]*[a-z0-9]$/i.test(targetStorage.split(':').pop() ?? '')) {
        throw paramError({ 'target-storage': 'invalid storage mapping' });
      }
      const mapStorage = (storage: string): string => {
        if (!targetStorage) return storage;
        for (const pair of targetStorage.split(',')) {
          const [from, to] = pair.includes(':') ? pair.split(':') : [undefined, pair];
          if (from === undefined || from === storage) return to;
        }
        return storage;
      };
      const timeout = numParam(params, 'timeout') ?? 180;
      ct.config.set('lock', 'migrate');
      return startContainerTask(sim, auth, node, vmid, 'vzmigrate', async (ctx) => {
        const started = sim.nowSeconds();
        const wasRunning = ct.status === 'running';
        try {
          ctx.log(`starting migration of CT ${vmid} to node '${targetNode}' (127.0.0.${sim.state.nodes.indexOf(dest) + 1})`);
          if (wasRunning) {
            ctx.log(`shutdown CT ${vmid}`);
            await ctx.step(Math.min(1000, timeout * 1000));
            await bringDown(sim, ct);
          }
          for (const disk of diskEntries(ct.config)) {
            const vol = sim.state.volume(node, disk.volid);
            if (!vol) throw new TaskFailure(`volume '${disk.volid}' does not exist`);
            // Shared volumes are seen from the target already: only the config moves.
            if (sim.state.isShared(vol.storage)) continue;
            const toStorage = mapStorage(vol.storage);
            const def = sim.state.storage(toStorage);
            if (!def || !def.content.includes('rootdir')) throw new TaskFailure(`storage '${toStorage}' does not support container directories`);
            const newVolid = `${toStorage}:${vol.volid.split(':')[1]}`;
            if (sim.state.volume(targetNode, newVolid)) throw new TaskFailure(`volume '${newVolid}' already exists on node '${targetNode}'`);
            if (vol.size > sim.state.usage(targetNode, def).avail) throw new TaskFailure(`not enough space on storage '${toStorage}' of node '${targetNode}'`);
            ctx.log(`volume '${vol.volid}' is '${newVolid}' on the target`);
            await ctx.step(1000);
            sim.state.removeVolume(node, vol.volid);
            sim.state.addVolume({ ...vol, volid: newVolid, node: targetNode, storage: toStorage });
            ct.config.set(disk.key, diskValue(newVolid, disk.size, disk.options));
          }
          ct.node = targetNode;
          ct.config.delete('lock');
          if (wasRunning) {
            ctx.log(`start container on target node`);
            await bringUp(sim, ct, ctx);
          }
          ctx.log(`migration finished successfully (duration ${hms(sim.nowSeconds() - started)})`);
        } finally {
          if (ct.config.get('lock') === 'migrate') ct.config.delete('lock');
        }
      });
    },
  },
];
