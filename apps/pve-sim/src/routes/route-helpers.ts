import type { AuthInfo } from '../auth/authenticate';
import type { SimContext } from '../sim-context';
import type { TaskSpec } from '../tasks/task-runner';
import { dieError } from '../params/api-error';
import { numParam, strParam, type Params } from '../params/param-schema';
import { containerDigest } from '../state/container-pending';
import type { ContainerState } from '../state/sim-state';

export function target(params: Params): { node: string; vmid: number } {
  return { node: strParam(params, 'node') ?? '', vmid: numParam(params, 'vmid') ?? 0 };
}

/** `check_lock`: 500 `CT is locked (<lock>)`. */
export function assertNotLocked(ct: ContainerState): void {
  const lock = ct.config.get('lock');
  if (lock) throw dieError(`CT is locked (${lock})`);
}

/** `assert_if_modified`: skipped for an empty digest. */
export function assertDigest(ct: ContainerState, digest: string | undefined): void {
  if (digest && digest !== containerDigest(ct)) throw dieError('detected modified configuration - file changed by other user? Try again.');
}

export const VMID_SCHEMA = { type: 'integer', format: 'pve-vmid', minimum: 100, maximum: 999999999 } as const;

/**
 * A task about one container that holds its config flock for the whole run (vzstart, vzstop,
 * vzshutdown, resize, ...), as PVE's `fork_worker` inside `lock_config` does. Returns the UPID.
 */
export function startContainerTask(sim: SimContext, auth: AuthInfo, node: string, vmid: number, type: string, work: TaskSpec['work']): string {
  return sim.tasks.start({ node, type, id: String(vmid), user: auth.fullUser, vmid, flock: vmid, work }).upid;
}

/**
 * `{node}` routes without `proxyto`: the node the client talks to answers them itself, whatever
 * node the path names (pve-manager PVE/HTTPServer.pm `rest_handler` L176-190 proxies only routes
 * with `proxyto`; those fail for an unknown node in `remote_node_ip` L246-253 with pve-common
 * src/PVE/Network.pm `get_ip_from_hostname` L886-904). Handlers: PVE/API2/Nodes.pm Nodeinfo `index` L207
 * and `rrddata` L841-881, pve-storage src/PVE/API2/Storage/Status.pm `diridx` L275-324,
 * PVE/API2/Tasks.pm `upid_index` L262-290, pve-container src/PVE/API2/LXC.pm `rrddata` L761-802,
 * src/PVE/API2/LXC/Snapshot.pm `snapshot_cmd_idx` L231-265.
 */
export const ANSWERED_LOCALLY: ReadonlySet<string> = new Set([
  'GET /nodes/{node}',
  'GET /nodes/{node}/rrddata',
  'GET /nodes/{node}/storage/{storage}',
  'GET /nodes/{node}/tasks/{upid}',
  'GET /nodes/{node}/lxc/{vmid}/rrddata',
  'GET /nodes/{node}/lxc/{vmid}/snapshot/{snapname}',
]);
