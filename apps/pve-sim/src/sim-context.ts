import type { AccessControl } from './access/access-control';
import type { TicketAuthority } from './auth/ticket-authority';
import type { FaultRegistry } from './faults/fault-registry';
import type { ImageRegistry } from './images/image-registry';
import type { ContainerNetwork } from './network/container-network';
import type { ResolvedSimOptions } from './sim-options';
import type { SimState } from './state/sim-state';
import type { TaskRunner } from './tasks/task-runner';

/** Everything a route module needs: state, tasks, faults, images, the container network. */
export interface SimContext {
  options: ResolvedSimOptions;
  state: SimState;
  tasks: TaskRunner;
  faults: FaultRegistry;
  images: ImageRegistry;
  network: ContainerNetwork;
  tickets: TicketAuthority;
  /** Users, tokens, roles, ACLs. */
  access: AccessControl;
  nowSeconds(): number;
  nowMs(): number;
}
