import type { FaultRegistry } from '../faults/fault-registry';
import { ConfigFlocks, FlockTimeout } from './config-flock';
import { formatUpid } from './upid';

export interface TaskRecord {
  upid: string;
  node: string;
  pid: number;
  pstart: number;
  starttime: number;
  type: string;
  id: string;
  /** Full user as in the UPID (`root@pam!proxdeck` for token calls). */
  user: string;
  status: 'running' | 'stopped';
  /** `OK`, `WARNINGS: n` or the error text; absent while running. */
  exitstatus?: string;
  endtime?: number;
  log: string[];
}

/** Thrown by a task body to end with `TASK ERROR: <message>`. */
export class TaskFailure extends Error {}

/** Thrown into sleeping tasks when the simulator shuts down or resets. */
export class TaskAborted extends Error {}

/** Thrown into a task stopped through `DELETE /nodes/{node}/tasks/{upid}`: it ends `received interrupt`. */
export class TaskInterrupted extends TaskFailure {
  constructor() {
    super('received interrupt');
  }
}

export interface TaskContext {
  readonly upid: string;
  log(line: string): void;
  /** A counted warning: `WARN: <msg>`, making the task end with `TASK WARNINGS: n`. */
  warn(line: string): void;
  /**
   * Waits `baseMs` scaled by the task speed (0 = next macrotask), then applies injected faults:
   * a matching `task-fail` (at this step number, or after a matching log line) throws a TaskFailure here.
   */
  step(baseMs: number): Promise<void>;
}

export interface TaskSpec {
  node: string;
  type: string;
  id: string;
  user: string;
  /** The guest the task is about, for fault matching. */
  vmid?: number;
  /** Hold this CT's config flock for the whole run (create, start, stop, destroy, resize...). */
  flock?: number;
  work(ctx: TaskContext): Promise<void>;
}

export interface TaskRunnerOptions {
  speed: number;
  nowSeconds: () => number;
  faults: FaultRegistry;
  bootTime: (node: string) => number;
  /** How long a task waits for a busy config flock (PVE: 10 s). */
  flockTimeoutMs?: number;
  /** Where unexpected errors in task bodies are reported. */
  onInternalError?: (err: unknown) => void;
  /** Called whenever a task ends (state may have changed). */
  onFinish?: () => void;
}

interface Sleeper {
  upid?: string;
  timer?: NodeJS.Timeout;
  immediate?: NodeJS.Immediate;
  reject: (err: Error) => void;
}

/**
 * Runs async task bodies (`fork_worker`): assigns a UPID at once, records the log and the final
 * `TASK OK` / `TASK WARNINGS: n` / `TASK ERROR: <err>` line and the exit status.
 */
export class TaskRunner {
  private readonly tasks = new Map<string, TaskRecord>();
  private readonly sleepers = new Set<Sleeper>();
  private readonly inflight = new Set<Promise<void>>();
  private nextPid = 100000 + Math.floor(Math.random() * 100000);
  readonly flocks = new ConfigFlocks();

  constructor(private readonly opts: TaskRunnerOptions) {}

  start(spec: TaskSpec): TaskRecord {
    const now = this.opts.nowSeconds();
    const pid = this.nextPid++;
    const pstart = Math.max(0, (now - this.opts.bootTime(spec.node)) * 100 + (pid % 100));
    const base = { node: spec.node, pid, pstart, starttime: now, type: spec.type, id: spec.id, user: spec.user };
    const record: TaskRecord = { ...base, upid: formatUpid(base), status: 'running', log: [] };
    this.tasks.set(record.upid, record);
    let warnings = 0;
    let steps = 0;
    const ctx: TaskContext = {
      upid: record.upid,
      // The task log is a file read line by line: a message of several lines is several entries.
      log: (line) => record.log.push(...line.split('\n')),
      warn: (line) => {
        warnings++;
        record.log.push(...`WARN: ${line}`.split('\n'));
      },
      step: async (baseMs) => {
        await this.sleep(baseMs, record.upid);
        steps++;
        const failure = this.opts.faults.takeTaskFailure(spec.type, spec.vmid, { step: steps, log: record.log });
        if (failure !== undefined) throw new TaskFailure(failure);
      },
    };
    const run = (async () => {
      // The body starts on a later macrotask: the API answers with the UPID first, like fork_worker.
      await this.sleep(0, record.upid);
      if (spec.flock === undefined) return spec.work(ctx);
      const release = await this.lockFor(spec.flock, record);
      try {
        await spec.work(ctx);
      } finally {
        release();
      }
    })().then(
      () => this.finish(record, warnings > 0 ? `WARNINGS: ${warnings}` : 'OK'),
      (err: unknown) => {
        if (err instanceof TaskAborted) return this.finish(record, 'interrupted by signal');
        if (!(err instanceof TaskFailure)) this.opts.onInternalError?.(err);
        const text = err instanceof Error ? err.message : String(err);
        // `TASK ERROR: <err>`: trailing newline removed, other newlines become spaces.
        this.finish(record, text.replace(/\n+$/, '').replace(/\n/g, ' '));
      },
    );
    this.inflight.add(run);
    void run.finally(() => this.inflight.delete(run));
    return record;
  }

  /** Takes the CT's flock, logging the wait like `lock_file_full`; a timeout fails the task. */
  private async lockFor(vmid: number, record: TaskRecord): Promise<() => void> {
    const waiting = this.flocks.isHeld(vmid);
    if (waiting) record.log.push('trying to acquire lock...');
    try {
      const release = await this.flocks.acquire(vmid, this.opts.flockTimeoutMs ?? 10_000);
      if (waiting) record.log[record.log.length - 1] = 'trying to acquire lock... OK';
      return release;
    } catch (err) {
      if (err instanceof FlockTimeout) throw new TaskFailure(err.message);
      throw err;
    }
  }

  get(upid: string): TaskRecord | undefined {
    return this.tasks.get(upid);
  }

  list(): TaskRecord[] {
    return [...this.tasks.values()];
  }

  runningCount(): number {
    return this.list().filter((t) => t.status === 'running').length;
  }

  /** Interrupts a running task at its current step (a no-op when it has ended). */
  stop(upid: string): void {
    for (const s of [...this.sleepers]) {
      if (s.upid !== upid) continue;
      if (s.timer) clearTimeout(s.timer);
      if (s.immediate) clearImmediate(s.immediate);
      this.sleepers.delete(s);
      s.reject(new TaskInterrupted());
    }
  }

  /** Aborts every sleeping task and waits until all bodies have returned. */
  async abortAll(): Promise<void> {
    for (const s of this.sleepers) {
      if (s.timer) clearTimeout(s.timer);
      if (s.immediate) clearImmediate(s.immediate);
      s.reject(new TaskAborted('aborted'));
    }
    this.sleepers.clear();
    this.flocks.abortAll(new TaskAborted('aborted'));
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  clear(): void {
    this.tasks.clear();
  }

  /** Adds finished tasks from a state file (the task index survives a restart); new PIDs stay above theirs. */
  restore(records: readonly TaskRecord[]): void {
    for (const r of records) {
      if (r.status !== 'stopped') continue;
      this.tasks.set(r.upid, { ...r, log: [...r.log] });
      this.nextPid = Math.max(this.nextPid, r.pid + 1);
    }
  }

  private finish(record: TaskRecord, exitstatus: string): void {
    record.status = 'stopped';
    record.exitstatus = exitstatus;
    record.endtime = this.opts.nowSeconds();
    record.log.push(exitstatus === 'OK' ? 'TASK OK' : exitstatus.startsWith('WARNINGS: ') ? `TASK ${exitstatus}` : `TASK ERROR: ${exitstatus}`);
    this.opts.onFinish?.();
  }

  private sleep(baseMs: number, upid?: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const sleeper: Sleeper = { reject, upid };
      const done = (): void => {
        this.sleepers.delete(sleeper);
        resolve();
      };
      const ms = baseMs * this.opts.speed;
      if (ms <= 0) sleeper.immediate = setImmediate(done);
      else sleeper.timer = setTimeout(done, ms);
      this.sleepers.add(sleeper);
    });
  }
}
