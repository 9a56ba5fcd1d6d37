import { containerAddress, isLoopback } from '../network/container-ip';
import type { SimContext } from '../sim-context';
import { TaskFailure, type TaskContext } from '../tasks/task-runner';
import { startAppProcess, mountVolumes } from './app-process';
import { applyPending } from './container-pending';
import { containerFeatures } from './container-features';
import { applyPendingMountPoints } from './mount-points';
import type { ContainerState } from './sim-state';

/** `check_lock` inside start/stop tasks: `CT is locked (<lock>)`; start and stop allow `mounted`. */
export function assertUnlocked(ct: ContainerState, allowMounted: boolean): void {
  const lock = ct.config.get('lock');
  if (lock && !(allowMounted && lock === 'mounted')) throw new TaskFailure(`CT is locked (${lock})`);
}

export function containerIp(ct: ContainerState): string | undefined {
  return containerAddress(ct.vmid, ct.config.get('net0'));
}

/** Makes a CT running: opens its image's ports on its address (loopback only), records uptime and pid. */
export async function bringUp(sim: SimContext, ct: ContainerState, ctx: TaskContext): Promise<void> {
  if (ct.config.get('template') === '1') throw new TaskFailure("you can't start a CT if it's a template");
  // vm_start applies pending changes first.
  applyPendingMountPoints(sim, ct, containerFeatures(sim.options.containerVersion));
  applyPending(ct);
  mountVolumes(sim, ct);
  const started = startAppProcess(sim, ct);
  if ('exit' in started) {
    // lxc-start detaches and the task ends OK; the app (the CT's init) exits at once, and so does the CT.
    ct.console = [started.exit];
    sim.options.log(`CT ${ct.vmid}: the app exited: ${started.exit}`);
    ct.status = 'stopped';
    ct.startedAt = undefined;
    ct.pid = undefined;
    return;
  }
  ct.console = [];
  const ip = containerIp(ct);
  if (ct.image && ip) {
    if (!isLoopback(ip)) {
      ctx.log(`pve-sim: address ${ip} is not on this host; no listeners opened`);
    } else {
      try {
        await sim.network.open({ vmid: ct.vmid, hostname: ct.config.get('hostname') ?? `CT${ct.vmid}`, ip, image: ct.image, process: started.process });
      } catch (err) {
        ctx.log(`lxc-start: ${ct.vmid}: network setup failed: ${err instanceof Error ? err.message : String(err)}`);
        throw new TaskFailure(`startup for container '${ct.vmid}' failed`);
      }
    }
  }
  ct.status = 'running';
  // A plain start discards a suspend checkpoint.
  ct.suspended = undefined;
  ct.startedAt = sim.nowSeconds();
  ct.pid = 200000 + Math.floor(Math.random() * 700000);
}

/** Stops a CT: closes its listeners (awaiting close, destroying open sockets). */
export async function bringDown(sim: SimContext, ct: ContainerState): Promise<void> {
  await sim.network.close(ct.vmid);
  ct.status = 'stopped';
  ct.startedAt = undefined;
  ct.pid = undefined;
}
