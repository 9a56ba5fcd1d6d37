import type { AuthInfo } from '../auth/authenticate';
import { isRoot } from '../access/root-only';
import { dieError, paramError } from '../params/api-error';
import { boolParam, numParam, type Params } from '../params/param-schema';
import { isTrue } from '../params/property-string';
import type { RequestContext, RouteDef } from '../http/router';
import type { SimContext } from '../sim-context';
import { diskEntries } from '../state/container-disks';
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

/** `PVE::LXC::check_running`: the CT runs on this node (a missing CT does not). */
function running(sim: SimContext, node: string, vmid: number): boolean {
  const ct = sim.state.containers.get(vmid);
  return !!ct && ct.node === node && ct.status === 'running';
}

const skiplock = { type: 'boolean', optional: true } as const;

/** Status.pm L158-160, L258-260: only a true `skiplock` is root's (`skiplock=0` passes). */
function refuseSkiplock(auth: AuthInfo, params: Params): void {
  if (boolParam(params, 'skiplock') && !isRoot(auth)) throw paramError({ skiplock: 'Only root may use this option.' });
}

/** Status.pm L198-207: an unprivileged CT does not start with `quota=1` on any volume. */
function assertNoQuota(ct: ContainerState): void {
  if (!isTrue(ct.config.get('unprivileged'))) return;
  if (diskEntries(ct.config).some((d) => isTrue(d.options.get('quota')))) throw new TaskFailure('Quotas are not supported by unprivileged containers.');
}

/**
 * `abort_guest_tasks` (pve-guest-common src/PVE/GuestHelpers.pm L423-455): running `vzshutdown`
 * tasks of the CT on this node that the caller may abort (all with `Sys.Modify` on the node, else
 * its own, a token's also by its user). Returns their UPIDs.
 */
function overruleShutdowns(sim: SimContext, auth: AuthInfo, node: string, vmid: number): string[] {
  const canAbortAll = sim.access.has(auth.fullUser, `/nodes/${node}`, ['Sys.Modify'], false);
  const mayAbort = (user: string): boolean => canAbortAll || user === auth.fullUser || (user.includes('!') && user.split('!')[0] === auth.fullUser);
  const aborted = sim.tasks
    .list()
    .filter((t) => t.status === 'running' && t.node === node && t.type === 'vzshutdown' && t.id === String(vmid) && mayAbort(t.user))
    .map((t) => t.upid);
  for (const upid of aborted) sim.tasks.stop(upid);
  return aborted;
}

/** `src/PVE/API2/LXC/Status.pm`: sync pre-checks give 500, everything else happens in the task. HA-managed CTs (`hastart`/`hastop`) are not modelled. */
export const lxcPowerRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/nodes/{node}/lxc/{vmid}/status',
    handler: ({ params, sim }: RequestContext) => {
      const { node, vmid } = target(params);
      sim.state.requireContainer(node, vmid);
      // Status.pm `vmcmdidx` L63-70: `migrate` is listed, `suspend`/`resume` are not.
      return ['current', 'start', 'stop', 'shutdown', 'reboot', 'migrate'].map((subdir) => ({ subdir }));
    },
  },
  {
    method: 'POST',
    path: '/nodes/{node}/lxc/{vmid}/status/start',
    schema: { skiplock, debug: { type: 'boolean', optional: true } },
    handler: ({ params, sim, auth }: RequestContext) => {
      const { node, vmid } = target(params);
      refuseSkiplock(auth, params);
      const skipLock = boolParam(params, 'skiplock');
      // Start on a missing CT passes the pre-checks; the task fails on the config file.
      if (running(sim, node, vmid)) throw dieError(`CT ${vmid} already running`);
      return startContainerTask(sim, auth, node, vmid, 'vzstart', async (ctx) => {
        // Status.pm L189-209: template, then lock (unless skiplock or `mounted`), then quotas.
        const ct = loadInTask(sim, node, vmid);
        if (ct.config.get('template') === '1') throw new TaskFailure("you can't start a CT if it's a template");
        if (!skipLock) assertUnlocked(ct, true);
        assertNoQuota(ct);
        if (ct.status === 'running') {
          // Started meanwhile (a second start): `systemctl start` is a no-op and the monitor sees no
          // state change for 10 s (src/PVE/LXC.pm `monitor_start` L3112-3123); the task ends OK.
          await ctx.step(10_000);
          ctx.log('problem with monitor socket, but continuing anyway: got timeout\n');
          return;
        }
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
      refuseSkiplock(auth, params);
      const skipLock = boolParam(params, 'skiplock');
      if (!running(sim, node, vmid)) throw dieError(`CT ${vmid} not running`);
      // Status.pm L287-293: PVE aborts them in the worker before it takes the config lock; the sim
      // does it as the task starts, so the stop task gets the lock they held.
      const overruled = boolParam(params, 'overrule-shutdown') ? overruleShutdowns(sim, auth, node, vmid) : [];
      return startContainerTask(sim, auth, node, vmid, 'vzstop', async (ctx) => {
        if (overruled.length > 0) ctx.log(`overruled vzshutdown tasks: ${overruled.join(', ')}`);
        const ct = loadInTask(sim, node, vmid);
        if (!skipLock) assertUnlocked(ct, true);
        await ctx.step(1000);
        // `vm_stop` (src/PVE/LXC.pm L3219-3271) returns quietly for a CT that has stopped meanwhile.
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
        // Status.pm L387: no skiplock and no `mounted` exception here.
        assertUnlocked(ct, false);
        // Every simulated CT stops cleanly within the timeout, so `forceStop` changes nothing.
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
      // Status.pm `vm_resume` L487-497: no config lock, no config read, no `lock:` check; only
      // lxc-checkpoint, which fails without a dump (a missing CT has none).
      return sim.tasks.start({
        node,
        type: 'vzresume',
        id: String(vmid),
        user: auth.fullUser,
        vmid,
        work: async (ctx) => {
          await ctx.step(1000);
          const ct = sim.state.containers.get(vmid);
          if (!ct || ct.node !== node || !ct.suspended) throw new TaskFailure(`command 'lxc-checkpoint -n ${vmid} -r --foreground -D /var/lib/vz/dump' failed: exit code 1`);
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
        // src/PVE/LXC.pm `vm_reboot` L3273-3287: no `lock:` check; a CT that is no longer running
        // (or gone) is left alone and the task ends OK.
        if (!running(sim, node, vmid)) return;
        const ct = loadInTask(sim, node, vmid);
        await ctx.step(1000);
        await bringDown(sim, ct);
        await ctx.step(1000);
        await bringUp(sim, ct, ctx);
      });
    },
  },
];
