import type { SimContext } from '../sim-context';
import type { ActiveFault, FaultSpec } from './fault-registry';

/**
 * Standing faults that change state when added and are undone when cleared: node-offline,
 * ticket-expiry (instant), lock. Throws with a readable message when the target does not exist.
 */
export function applyFaultEffect(sim: SimContext, spec: FaultSpec): void {
  switch (spec.kind) {
    case 'node-offline': {
      const node = sim.state.node(spec.node);
      if (!node) throw new Error(`no such node '${spec.node}'`);
      node.status = 'offline';
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

export function undoFaultEffect(sim: SimContext, fault: ActiveFault): void {
  const spec = fault.spec;
  if (spec.kind === 'node-offline') {
    const node = sim.state.node(spec.node);
    if (node && !sim.faults.isNodeOffline(spec.node)) node.status = 'online';
  } else if (spec.kind === 'lock') {
    const ct = sim.state.containers.get(spec.vmid);
    if (ct && ct.config.get('lock') === spec.lock) ct.config.delete('lock');
  }
}
