import type { SimContext } from '../sim-context';
import type { ActiveFault, FaultSpec } from './fault-registry';
import { isLoopback } from '../network/container-ip';
import { containerIp } from '../state/container-runtime';

/**
 * Standing faults that change state when added and are undone when cleared: node-offline,
 * ticket-expiry (instant), lock. Throws with a readable message when the target does not exist.
 */
export async function applyFaultEffect(sim: SimContext, spec: FaultSpec): Promise<void> {
  switch (spec.kind) {
    case 'node-offline': {
      const node = sim.state.node(spec.node);
      if (!node) throw new Error(`no such node '${spec.node}'`);
      node.status = 'offline';
      // Its containers become unreachable too (they keep their state for when the node returns).
      for (const ct of sim.state.containers.values()) if (ct.node === node.name) await sim.network.close(ct.vmid);
      return;
    }
    case 'ticket-expiry':
      sim.tickets.rotateKey();
      return;
    case 'lock': {
      const ct = sim.state.containers.get(spec.vmid);
      if (!ct) throw new Error(`no such container ${spec.vmid}`);
      ct.config.set('lock', spec.lock);
      return;
    }
    default:
      return;
  }
}

export async function undoFaultEffect(sim: SimContext, fault: ActiveFault): Promise<void> {
  const spec = fault.spec;
  if (spec.kind === 'node-offline') {
    const node = sim.state.node(spec.node);
    if (!node || sim.faults.isNodeOffline(spec.node)) return;
    node.status = 'online';
    for (const ct of sim.state.containers.values()) {
      if (ct.node !== node.name || ct.status !== 'running' || !ct.image) continue;
      const ip = containerIp(ct);
      if (!ip || !isLoopback(ip)) continue;
      await sim.network.open({ vmid: ct.vmid, hostname: ct.config.get('hostname') ?? `CT${ct.vmid}`, ip, image: ct.image }).catch((err: unknown) => {
        sim.options.log(`CT ${ct.vmid}: could not reopen ${ip}: ${err instanceof Error ? err.message : String(err)}`);
      });
    }
  } else if (spec.kind === 'lock') {
    const ct = sim.state.containers.get(spec.vmid);
    if (ct && ct.config.get('lock') === spec.lock) ct.config.delete('lock');
  }
}
