/**
 * Fault injection. Each kind is one variant of `FaultSpec`; a registry entry counts down `times`
 * and disappears when used up. New kinds (latency, 5xx bursts, node offline, ticket expiry, lock
 * holding) add a variant, a parser case and a `take*`/`match*` query used at the matching place.
 */
export interface TaskFailFault {
  kind: 'task-fail';
  /** e.g. `vzstart`, `vzcreate`, `download`. */
  taskType: string;
  vmid?: number;
  message?: string;
  /** How many matching tasks fail (default 1). */
  times?: number;
}

export type FaultSpec = TaskFailFault;

export interface ActiveFault {
  id: number;
  spec: FaultSpec;
  remaining: number;
}

/** Realistic default texts per task type. */
function defaultTaskFailure(taskType: string, vmid: number | undefined): string {
  const ct = vmid ?? 0;
  switch (taskType) {
    case 'vzstart':
      return `startup for container '${ct}' failed`;
    case 'vzstop':
    case 'vzshutdown':
      return `command 'lxc-stop -n ${ct} --kill' failed: exit code 1`;
    case 'vzreboot':
      return `startup for container '${ct}' failed`;
    case 'vzcreate':
      return `command 'lxc-usernsexec -m u:0:100000:65536 -m g:0:100000:65536 -- tar xpf - --zstd --totals --one-file-system -p --sparse --numeric-owner --acls --xattrs '--xattrs-include=user.*' '--xattrs-include=security.capability' '--warning=no-file-ignored' '--warning=no-xattr-write' -C /var/lib/lxc/${ct}/rootfs --skip-old-files --anchored --exclude './dev/*'' failed: exit code 2`;
    case 'vzdestroy':
      return `lvremove 'pve/vm-${ct}-disk-0' error:   Logical volume pve/vm-${ct}-disk-0 in use.`;
    case 'download':
      return 'failed to pull image: connection reset by peer';
    default:
      return `${taskType} failed (injected fault)`;
  }
}

export class FaultRegistry {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): ActiveFault {
    const fault = { id: this.nextId++, spec, remaining: spec.times ?? 1 };
    this.faults.push(fault);
    return fault;
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Consumes a matching `task-fail` fault and returns the error text the task must end with. */
  takeTaskFailure(taskType: string, vmid: number | undefined): string | undefined {
    const fault = this.faults.find(
      (f) => f.spec.kind === 'task-fail' && f.spec.taskType === taskType && (f.spec.vmid === undefined || f.spec.vmid === vmid),
    );
    if (!fault) return undefined;
    this.consume(fault);
    return fault.spec.message ?? defaultTaskFailure(taskType, vmid);
  }

  private consume(fault: ActiveFault): void {
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
  }
}

/** Validates an admin-API body into a fault spec; throws with a readable message. */
export function parseFaultSpec(body: unknown): FaultSpec {
  if (typeof body !== 'object' || body === null) throw new Error('fault must be a JSON object');
  const b = body as Record<string, unknown>;
  switch (b['kind']) {
    case 'task-fail': {
      if (typeof b['taskType'] !== 'string' || !/^[a-z_]+$/.test(b['taskType'])) throw new Error("task-fail needs a 'taskType' like 'vzstart'");
      if (b['vmid'] !== undefined && !Number.isInteger(b['vmid'])) throw new Error("'vmid' must be an integer");
      if (b['message'] !== undefined && typeof b['message'] !== 'string') throw new Error("'message' must be a string");
      if (b['times'] !== undefined && (!Number.isInteger(b['times']) || (b['times'] as number) < 1)) throw new Error("'times' must be a positive integer");
      return {
        kind: 'task-fail',
        taskType: b['taskType'],
        vmid: b['vmid'] as number | undefined,
        message: b['message'] as string | undefined,
        times: b['times'] as number | undefined,
      };
    }
    default:
      throw new Error(`unknown fault kind '${String(b['kind'])}' (supported: task-fail)`);
  }
}
