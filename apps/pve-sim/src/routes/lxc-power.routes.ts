import { dieError } from '../params/api-error';
import { refuseRootOnlyParams } from '../access/root-only';
import { boolParam, numParam } from '../params/param-schema';
import type { RequestContext, RouteDef } from '../http/router';
import type { SimContext } from '../sim-context';
import { assertUnlocked, bringDown, bringUp } from '../state/container-runtime';
import type { ContainerState } from '../state/sim-state';
import { TaskFailure } from '../tasks/task-runner';
import { target, startContainerTask } from './route-helpers';

/** The CT as the task sees it under the flock: gone -> the config-file error. */
function loadInTask(sim: SimContext, node: string, vmid: number): ContainerState {
  const ct = sim.state.containers.get(vmid);
  if (!ct || ct.node !== node) throw new TaskFailure(`Configuration file 'nodes/${node}/lxc/${vmid}.conf' does not exist`);
  return ct;
}

function running(sim: SimContext, node: string, vmid: number): boolean {
  const ct = sim.state.containers.get(vmid);
  return !!ct && ct.node === node && ct.status === 'running';
}

const skiplock = { type: 'boolean', optional: true } as const;

/** `src/PVE/API2/LXC/Status.pm`: sync pre-checks give 500, everything else happens in the task. */
export const lxcPowerRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/nodes/{node}/lxc/{vmid}/status',
    handler: ({ params, sim }: RequestContext) => {
      const { node, vmid } = target(params);
      sim.state.requireContainer(node, vmid);
      return ['current', 'start', 'stop', 'shutdown', 'reboot', 'suspend', 'resume'].map((subdir) => ({ subdir }));
    },
  },
  {
    method: 'POST',
    path: '/nodes/{node}/lxc/{vmid}/status/start',
    schema: { skiplock, debug: { type: 'boolean', optional: true } },
    handler: ({ params, sim, auth }: RequestContext) => {
      const { node, vmid } = target(params);
      refuseRootOnlyParams(auth, params, ['skiplock'], 'Only root may use this option.');
      const skipLock = boolParam(params, 'skiplock');
      // Start on a missing CT passes the pre-checks; the task fails on the config file.
      if (running(sim, node, vmid)) throw dieError(`CT ${vmid} already running`);
      return startContainerTask(sim, auth, node, vmid, 'vzstart', async (ctx) => {
        const ct = loadInTask(sim, node, vmid);
        if (!skipLock) assertUnlocked(ct, true);
        if (ct.status === 'running') throw new TaskFailure(`CT ${vmid} already running`);
        await ctx.step(1000);
        await bringUp(sim, ct, ctx);
      });
    },
  },
  {
    method: 'POST',
    path: '/nodes/{node}/lxc/{vmid}/status/stop',
    schema: { skiplock, 'overrule-shutdown': { type: 'boolean', optional: true } },
    handler: ({ params, sim, auth }: RequestContext) => {
      const { node, vmid } = target(params);
      refuseRootOnlyParams(auth, params, ['skiplock'], 'Only root may use this option.');
      const skipLock = boolParam(params, 'skiplock');
      if (!running(sim, node, vmid)) throw dieError(`CT ${vmid} not running`);
      return startContainerTask(sim, auth, node, vmid, 'vzstop', async (ctx) => {
        const ct = loadInTask(sim, node, vmid);
        if (!skipLock) assertUnlocked(ct, true);
        await ctx.step(1000);
        await bringDown(sim, ct);
      });
    },
  },
  {
    method: 'POST',
    path: '/nodes/{node}/lxc/{vmid}/status/shutdown',
    schema: { timeout: { type: 'integer', optional: true, minimum: 0 }, forceStop: { type: 'boolean', optional: true } },
    handler: ({ params, sim, auth }: RequestContext) => {
      const { node, vmid } = target(params);
      if (!running(sim, node, vmid)) throw dieError(`CT ${vmid} not running`);
      const timeout = numParam(params, 'timeout') ?? 60;
      return startContainerTask(sim, auth, node, vmid, 'vzshutdown', async (ctx) => {
        const ct = loadInTask(sim, node, vmid);
        assertUnlocked(ct, false);
        await ctx.step(Math.min(1000, timeout * 1000));
        await bringDown(sim, ct);
      });
    },
  },
  {
    method: 'POST',
    path: '/nodes/{node}/lxc/{vmid}/status/suspend',
    handler: ({ params, sim, auth }: RequestContext) => {
      const { node, vmid } = target(params);
      if (!running(sim, node, vmid)) throw dieError(`CT ${vmid} not running`);
      return startContainerTask(sim, auth, node, vmid, 'vzsuspend', async (ctx) => {
        const ct = loadInTask(sim, node, vmid);
        assertUnlocked(ct, false);
        // lxc-checkpoint -s dumps the CT's state and stops it; resume restores that dump.
        await ctx.step(1000);
        await bringDown(sim, ct);
        ct.suspended = true;
      });
    },
  },
  {
    method: 'POST',
    path: '/nodes/{node}/lxc/{vmid}/status/resume',
    handler: ({ params, sim, auth }: RequestContext) => {
      const { node, vmid } = target(params);
      if (running(sim, node, vmid)) throw dieError(`CT ${vmid} already running`);
      // Resume takes no config lock and checks no `lock:` (Status.pm `vm_resume`).
      return sim.tasks.start({
        node,
        type: 'vzresume',
        id: String(vmid),
        user: auth.fullUser,
        vmid,
        work: async (ctx) => {
          const ct = loadInTask(sim, node, vmid);
          await ctx.step(1000);
          if (!ct.suspended) throw new TaskFailure(`command 'lxc-checkpoint -n ${vmid} -r --foreground -D /var/lib/vz/dump' failed: exit code 1`);
          ct.suspended = undefined;
          await bringUp(sim, ct, ctx);
        },
      }).upid;
    },
  },
  {
    method: 'POST',
    path: '/nodes/{node}/lxc/{vmid}/status/reboot',
    schema: { timeout: { type: 'integer', optional: true, minimum: 0 } },
    handler: ({ params, sim, auth }: RequestContext) => {
      const { node, vmid } = target(params);
      if (!running(sim, node, vmid)) throw dieError(`VM ${vmid} not running`);
      return startContainerTask(sim, auth, node, vmid, 'vzreboot', async (ctx) => {
        // Reboot does not check the lock.
        const ct = loadInTask(sim, node, vmid);
        await ctx.step(1000);
        await bringDown(sim, ct);
        await ctx.step(1000);
        await bringUp(sim, ct, ctx);
      });
    },
  },
];
