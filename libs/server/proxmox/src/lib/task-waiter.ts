import { classifyPveError } from './classify-pve-error';
import { PveTaskError, PveTaskTimeoutError } from './pve-task.errors';
import type { PveTaskLogLine, PveTaskStatus } from './pve.types';
import { parseUpid } from './upid';

/** Where task state comes from; PveClient in production, a fake in unit tests. */
export interface TaskStatusSource {
  taskStatus(node: string, upid: string): Promise<PveTaskStatus>;
  taskLog(node: string, upid: string, start?: number, limit?: number): Promise<PveTaskLogLine[]>;
}

export interface WaitForTaskOptions {
  /** Give up after this long (default 10 minutes) with PveTaskTimeoutError. */
  timeoutMs?: number;
  /** Called after every status poll. */
  onProgress?(status: PveTaskStatus): void;
  signal?: AbortSignal;
}

export interface TaskPollTiming {
  /** First poll delay; doubles after every poll... */
  minMs: number;
  /** ...up to this. */
  maxMs: number;
}

export const DEFAULT_TASK_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_TASK_POLL: TaskPollTiming = { minMs: 100, maxMs: 2_000 };
/** Lines of the task log kept on failure. */
export const TASK_LOG_TAIL_LINES = 20;
/** Polls that may fail in a row (network blips, a task not yet visible) before giving up. */
const MAX_CONSECUTIVE_POLL_ERRORS = 5;

export function isTaskSuccess(status: PveTaskStatus): boolean {
  return status.status === 'stopped' && (status.exitstatus === 'OK' || /^WARNINGS/.test(status.exitstatus ?? ''));
}

/**
 * Polls `/nodes/{node}/tasks/{upid}/status` (node taken from the UPID) with short, growing
 * intervals until the task stops. Resolves with the final status on OK / WARNINGS; otherwise
 * throws PveTaskError carrying the exit status and the log tail.
 */
export async function waitForTask(
  source: TaskStatusSource,
  upid: string,
  opts: WaitForTaskOptions = {},
  timing: TaskPollTiming = DEFAULT_TASK_POLL,
): Promise<PveTaskStatus> {
  const task = parseUpid(upid);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let delay = Math.max(1, timing.minMs);
  let lastStatus: PveTaskStatus | undefined;
  let consecutiveErrors = 0;

  for (;;) {
    throwIfAborted(opts.signal);
    try {
      lastStatus = await source.taskStatus(task.node, upid);
      consecutiveErrors = 0;
    } catch (err) {
      const pveError = classifyPveError(err);
      const transient = pveError.retryable || pveError.kind === 'not-found';
      consecutiveErrors++;
      if (!transient || consecutiveErrors >= MAX_CONSECUTIVE_POLL_ERRORS) throw pveError;
    }
    if (lastStatus && consecutiveErrors === 0) {
      opts.onProgress?.(lastStatus);
      if (lastStatus.status === 'stopped') {
        if (isTaskSuccess(lastStatus)) return lastStatus;
        const logTail = await readLogTail(source, task.node, upid);
        throw new PveTaskError(upid, task.type, lastStatus.exitstatus ?? 'unexpected status', logTail);
      }
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new PveTaskTimeoutError(upid, task.type, timeoutMs, lastStatus);
    await sleep(Math.min(delay, remaining), opts.signal);
    delay = Math.min(delay * 2, Math.max(timing.maxMs, timing.minMs));
  }
}

async function readLogTail(source: TaskStatusSource, node: string, upid: string): Promise<string[]> {
  try {
    // PVE's default limit is 50 lines from `start`; ask for plenty and keep the end.
    const lines = await source.taskLog(node, upid, 0, 5000);
    return lines.slice(-TASK_LOG_TAIL_LINES).map((l) => l.t);
  } catch {
    // The exit status already says what failed; a missing log must not hide it.
    return [];
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

function abortReason(signal: AbortSignal): Error {
  if (signal.reason instanceof Error) return signal.reason;
  const err = new Error('waiting for the Proxmox task was aborted');
  err.name = 'AbortError';
  return err;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
