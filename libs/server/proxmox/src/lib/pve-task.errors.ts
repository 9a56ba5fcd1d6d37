import { kindFromText } from './classify-pve-error';
import { PveError } from './pve-error';
import type { PveTaskStatus } from './pve.types';

/**
 * A Proxmox task ended with an exit status other than OK / WARNINGS. Its kind and retryability
 * come from the exit status text, so `CT is locked (backup)` is `locked` and retryable.
 */
export class PveTaskError extends PveError {
  readonly upid: string;
  readonly exitstatus: string;
  readonly taskType: string;
  /** The last lines of the task log, for the operation log and the user. */
  readonly logTail: string[];

  constructor(upid: string, taskType: string, exitstatus: string, logTail: string[]) {
    const byText = kindFromText(exitstatus);
    super({ kind: byText?.kind ?? 'server', retryable: byText?.retryable ?? false, pveMessage: exitstatus });
    this.name = 'PveTaskError';
    this.message = `task ${taskType} failed: ${exitstatus}`;
    this.upid = upid;
    this.exitstatus = exitstatus;
    this.taskType = taskType;
    this.logTail = logTail;
  }
}

/** The task was still running when the wait gave up. The task itself may still finish. */
export class PveTaskTimeoutError extends PveError {
  readonly upid: string;
  readonly taskType: string;
  readonly timeoutMs: number;
  readonly lastStatus?: PveTaskStatus;

  constructor(upid: string, taskType: string, timeoutMs: number, lastStatus?: PveTaskStatus) {
    super({ kind: 'server', retryable: false, pveMessage: `task ${taskType} still running after ${Math.round(timeoutMs / 1000)} s` });
    this.name = 'PveTaskTimeoutError';
    this.upid = upid;
    this.taskType = taskType;
    this.timeoutMs = timeoutMs;
    this.lastStatus = lastStatus;
  }
}
