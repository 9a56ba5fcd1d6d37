/**
 * Fault injection. Each kind is one variant of `FaultSpec`. Counted faults (`times`) disappear when
 * used up; standing faults (node-offline, lock) stay until `DELETE /_sim/faults`. A new kind adds a
 * variant, a case in `parseFaultSpec`, and a query (or an effect in fault-effects.ts) where it bites.
 */
export interface TaskFailFault {
  kind: 'task-fail';
  /** e.g. `vzstart`, `vzcreate`, `download`. */
  taskType: string;
  vmid?: number;
  message?: string;
  /** How many matching tasks fail (default 1). */
  times?: number;
  /** Fail at this step of the task (1-based) instead of its first one. */
  atStep?: number;
  /**
   * Fail at the first step after a log line matching this regular expression, e.g.
   * `creating vzdump archive` or `create full clone of mountpoint mp0`: a named point in the task.
   */
  afterLog?: string;
}

/** Where a running task is, for `task-fail` faults aimed at a step. */
export interface TaskProgress {
  /** 1-based number of the step being finished. */
  step: number;
  log: readonly string[];
}

/** Which API requests an HTTP-level fault applies to. */
export interface RequestMatch {
  method?: string;
  /** A regular expression tested against the path after `/api2/json`, e.g. `^/nodes/pve1/lxc`. */
  path?: string;
}

export interface LatencyFault extends RequestMatch {
  kind: 'latency';
  ms: number;
  /** Default: until cleared. */
  times?: number;
}

export interface HttpErrorFault extends RequestMatch {
  kind: 'http-error';
  /** e.g. 500, 503, 595. */
  status: number;
  message?: string;
  /** How many matching requests fail (default 1): a burst. */
  times?: number;
}

/** The node stops answering: listed `offline`, requests routed to it get `595 No route to host`. */
export interface NodeOfflineFault {
  kind: 'node-offline';
  node: string;
}

/** Every ticket issued so far becomes invalid (as after expiry); new logins work. */
export interface TicketExpiryFault {
  kind: 'ticket-expiry';
}

/** Holds a `lock:` on a CT (e.g. `backup`) until cleared, as if another operation ran. */
export interface LockFault {
  kind: 'lock';
  vmid: number;
  lock: string;
}

export type FaultSpec = TaskFailFault | LatencyFault | HttpErrorFault | NodeOfflineFault | TicketExpiryFault | LockFault;

export interface ActiveFault {
  id: number;
  spec: FaultSpec;
  /** Uses left; `null` = standing until cleared. */
  remaining: number | null;
}

/** Realistic default texts per task type. */
function defaultTaskFailure(taskType: string, vmid: number | undefined): string {
  const ct = vmid ?? 0;
  switch (taskType) {
    case 'vzstart':
    case 'vzreboot':
      return `startup for container '${ct}' failed`;
    case 'vzstop':
    case 'vzshutdown':
      return `command 'lxc-stop -n ${ct} --kill' failed: exit code 1`;
    case 'vzcreate':
      return `command 'lxc-usernsexec -m u:0:100000:65536 -m g:0:100000:65536 -- tar xpf - --totals --one-file-system -p --sparse --numeric-owner --acls --xattrs -C /var/lib/lxc/${ct}/rootfs --skip-old-files --anchored --exclude './dev/*'' failed: exit code 2`;
    case 'vzdestroy':
      return `lvremove 'pve/vm-${ct}-disk-0' error:   Logical volume pve/vm-${ct}-disk-0 in use.`;
    case 'ociregistrypull':
      return "command 'skopeo copy docker://registry.invalid/image:tag oci-archive:/var/lib/vz/template/cache/image.tmp' failed: exit code 1";
    case 'download':
      return 'download failed: 500 Can\'t connect to download.proxmox.com:80 (Connection reset by peer)';
    default:
      return `${taskType} failed (injected fault)`;
  }
}

function requestMatches(m: RequestMatch, method: string, path: string): boolean {
  if (m.method && m.method.toUpperCase() !== method) return false;
  if (m.path && !new RegExp(m.path).test(path)) return false;
  return true;
}

export class FaultRegistry {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): ActiveFault {
    const counted = spec.kind === 'task-fail' || spec.kind === 'http-error' ? (spec.times ?? 1) : spec.kind === 'latency' ? (spec.times ?? null) : null;
    const fault = { id: this.nextId++, spec, remaining: spec.kind === 'ticket-expiry' ? 0 : counted };
    // ticket-expiry is an instant effect: it is not kept.
    if (spec.kind !== 'ticket-expiry') this.faults.push(fault);
    return fault;
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Removes every fault and returns them, so standing effects can be undone. */
  clear(): ActiveFault[] {
    const removed = this.faults;
    this.faults = [];
    return removed;
  }

  /**
   * Consumes a matching `task-fail` fault and returns the error text the task must end with.
   * Faults aimed at a step (`atStep`, `afterLog`) match only with `progress` that reached it.
   */
  takeTaskFailure(taskType: string, vmid: number | undefined, progress?: TaskProgress): string | undefined {
    const reached = (spec: TaskFailFault): boolean => {
      if (spec.atStep === undefined && spec.afterLog === undefined) return true;
      if (!progress) return false;
      if (spec.atStep !== undefined && progress.step !== spec.atStep) return false;
      const pattern = spec.afterLog === undefined ? undefined : new RegExp(spec.afterLog);
      return !pattern || progress.log.some((line) => pattern.test(line));
    };
    const fault = this.faults.find(
      (f) => f.spec.kind === 'task-fail' && f.spec.taskType === taskType && (f.spec.vmid === undefined || f.spec.vmid === vmid) && reached(f.spec),
    );
    if (!fault || fault.spec.kind !== 'task-fail') return undefined;
    this.consume(fault);
    return fault.spec.message ?? defaultTaskFailure(taskType, vmid);
  }

  /** Latency to add and an error to answer with, for one API request (consuming counted faults). */
  takeRequestFaults(method: string, path: string): { latencyMs: number; error?: { status: number; message: string } } {
    let latencyMs = 0;
    for (const f of [...this.faults]) {
      if (f.spec.kind === 'latency' && requestMatches(f.spec, method, path)) {
        latencyMs += f.spec.ms;
        this.consume(f);
      }
    }
    const errorFault = this.faults.find((f) => f.spec.kind === 'http-error' && requestMatches(f.spec, method, path));
    if (!errorFault || errorFault.spec.kind !== 'http-error') return { latencyMs };
    this.consume(errorFault);
    return { latencyMs, error: { status: errorFault.spec.status, message: errorFault.spec.message ?? defaultHttpMessage(errorFault.spec.status) } };
  }

  isNodeOffline(node: string): boolean {
    return this.faults.some((f) => f.spec.kind === 'node-offline' && f.spec.node === node);
  }

  private consume(fault: ActiveFault): void {
    if (fault.remaining === null) return;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
  }
}

function defaultHttpMessage(status: number): string {
  if (status === 595) return 'Connection refused';
  if (status === 596) return 'Connection timed out';
  if (status === 503) return 'Service Unavailable';
  return 'Internal Server Error';
}

const int = (v: unknown): v is number => Number.isInteger(v);

function requestMatch(b: Record<string, unknown>): RequestMatch {
  if (b['method'] !== undefined && (typeof b['method'] !== 'string' || !/^(GET|POST|PUT|DELETE)$/i.test(b['method']))) throw new Error("'method' must be GET, POST, PUT or DELETE");
  if (b['path'] !== undefined) {
    if (typeof b['path'] !== 'string') throw new Error("'path' must be a regular expression string");
    new RegExp(b['path']);
  }
  return { method: b['method'] as string | undefined, path: b['path'] as string | undefined };
}

function times(b: Record<string, unknown>): number | undefined {
  if (b['times'] !== undefined && (!int(b['times']) || b['times'] < 1)) throw new Error("'times' must be a positive integer");
  return b['times'] as number | undefined;
}

/** Validates an admin-API body into a fault spec; throws with a readable message. */
export function parseFaultSpec(body: unknown): FaultSpec {
  if (typeof body !== 'object' || body === null) throw new Error('fault must be a JSON object');
  const b = body as Record<string, unknown>;
  switch (b['kind']) {
    case 'task-fail': {
      if (typeof b['taskType'] !== 'string' || !/^[a-z_]+$/.test(b['taskType'])) throw new Error("task-fail needs a 'taskType' like 'vzstart'");
      if (b['vmid'] !== undefined && !int(b['vmid'])) throw new Error("'vmid' must be an integer");
      if (b['message'] !== undefined && typeof b['message'] !== 'string') throw new Error("'message' must be a string");
      if (b['atStep'] !== undefined && (!int(b['atStep']) || b['atStep'] < 1)) throw new Error("'atStep' must be a positive integer (1 = the task's first step)");
      if (b['afterLog'] !== undefined) {
        if (typeof b['afterLog'] !== 'string') throw new Error("'afterLog' must be a regular expression string matching a task log line");
        new RegExp(b['afterLog']);
      }
      return {
        kind: 'task-fail',
        taskType: b['taskType'],
        vmid: b['vmid'] as number | undefined,
        message: b['message'] as string | undefined,
        times: times(b),
        atStep: b['atStep'] as number | undefined,
        afterLog: b['afterLog'] as string | undefined,
      };
    }
    case 'latency':
      if (!int(b['ms']) || b['ms'] < 0) throw new Error("latency needs 'ms' (a non-negative integer)");
      return { kind: 'latency', ms: b['ms'], times: times(b), ...requestMatch(b) };
    case 'http-error':
      if (!int(b['status']) || b['status'] < 400 || b['status'] > 599) throw new Error("http-error needs 'status' in 400..599");
      if (b['message'] !== undefined && typeof b['message'] !== 'string') throw new Error("'message' must be a string");
      return { kind: 'http-error', status: b['status'], message: b['message'] as string | undefined, times: times(b), ...requestMatch(b) };
    case 'node-offline':
      if (typeof b['node'] !== 'string') throw new Error("node-offline needs 'node'");
      return { kind: 'node-offline', node: b['node'] };
    case 'ticket-expiry':
      return { kind: 'ticket-expiry' };
    case 'lock':
      if (!int(b['vmid'])) throw new Error("lock needs 'vmid'");
      if (typeof b['lock'] !== 'string' || !/^(backup|create|destroyed|disk|fstrim|migrate|mounted|rollback|snapshot|snapshot-delete)$/.test(b['lock'])) {
        throw new Error("lock needs 'lock': backup|create|destroyed|disk|fstrim|migrate|mounted|rollback|snapshot|snapshot-delete");
      }
      return { kind: 'lock', vmid: b['vmid'], lock: b['lock'] };
    default:
      throw new Error(`unknown fault kind '${String(b['kind'])}' (supported: task-fail, latency, http-error, node-offline, ticket-expiry, lock)`);
  }
}
