import { PveError } from './pve-error';
import { PveTaskError, PveTaskTimeoutError } from './pve-task.errors';
import type { PveTaskLogLine, PveTaskStatus } from './pve.types';
import { waitForTask, type TaskStatusSource } from './task-waiter';

const UPID = 'UPID:pve2:0000A1B2:00C0FFEE:67100000:vzstart:101:root@pam!proxdeck:';

function status(partial: Partial<PveTaskStatus>): PveTaskStatus {
  return { upid: UPID, node: 'pve2', type: 'vzstart', id: '101', status: 'running', ...partial };
}

/** Answers polls from a script; records the node and the time of every poll. */
class ScriptedTask implements TaskStatusSource {
  readonly polls: { node: string; at: number }[] = [];
  logRequests = 0;
  constructor(
    private readonly script: Array<PveTaskStatus | Error>,
    private readonly log: PveTaskLogLine[] = [],
  ) {}

  taskStatus(node: string): Promise<PveTaskStatus> {
    this.polls.push({ node, at: Date.now() });
    const next = this.script.length > 1 ? this.script.shift() : this.script[0];
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next as PveTaskStatus);
  }

  taskLog(): Promise<PveTaskLogLine[]> {
    this.logRequests++;
    return Promise.resolve(this.log);
  }
}

describe('waitForTask', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('polls the node named in the UPID with doubling intervals capped at the maximum', async () => {
    const source = new ScriptedTask([
      ...Array.from({ length: 6 }, () => status({})),
      status({ status: 'stopped', exitstatus: 'OK' }),
    ]);
    const progress: string[] = [];
    const done = waitForTask(source, UPID, { onProgress: (s) => progress.push(s.status) }, { minMs: 100, maxMs: 1_000 });
    await jest.runAllTimersAsync();
    await expect(done).resolves.toMatchObject({ status: 'stopped', exitstatus: 'OK' });

    expect(source.polls.every((p) => p.node === 'pve2')).toBe(true);
    const gaps = source.polls.slice(1).map((p, i) => p.at - source.polls[i].at);
    expect(gaps).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(progress).toEqual(['running', 'running', 'running', 'running', 'running', 'running', 'stopped']);
  });

  it('accepts WARNINGS as success', async () => {
    const source = new ScriptedTask([status({ status: 'stopped', exitstatus: 'WARNINGS: 2' })]);
    await expect(waitForTask(source, UPID)).resolves.toMatchObject({ exitstatus: 'WARNINGS: 2' });
  });

  it('throws PveTaskError with the exit status and the log tail on failure', async () => {
    const log = Array.from({ length: 30 }, (_, i) => ({ n: i + 1, t: `line ${i + 1}` }));
    log.push({ n: 31, t: 'TASK ERROR: CT is locked (backup)' });
    const source = new ScriptedTask([status({}), status({ status: 'stopped', exitstatus: 'CT is locked (backup)' })], log);
    const done = waitForTask(source, UPID, {}, { minMs: 10, maxMs: 10 });
    const assertion = expect(done).rejects.toMatchObject({
      name: 'PveTaskError',
      upid: UPID,
      taskType: 'vzstart',
      exitstatus: 'CT is locked (backup)',
      kind: 'locked',
      retryable: true,
    });
    await jest.runAllTimersAsync();
    await assertion;
    const err = (await done.catch((e: unknown) => e)) as PveTaskError;
    expect(err).toBeInstanceOf(PveTaskError);
    expect(err).toBeInstanceOf(PveError);
    expect(err.logTail).toHaveLength(20);
    expect(err.logTail[19]).toBe('TASK ERROR: CT is locked (backup)');
  });

  it('times out with PveTaskTimeoutError carrying the last status', async () => {
    const source = new ScriptedTask([status({})]);
    const done = waitForTask(source, UPID, { timeoutMs: 5_000 }, { minMs: 100, maxMs: 2_000 });
    const assertion = expect(done).rejects.toBeInstanceOf(PveTaskTimeoutError);
    await jest.advanceTimersByTimeAsync(5_000);
    await assertion;
    const err = (await done.catch((e: unknown) => e)) as PveTaskTimeoutError;
    expect(err.upid).toBe(UPID);
    expect(err.lastStatus?.status).toBe('running');
    // 100+200+400+800+1600 = 3100, then 1900 left: the last sleep is cut to the deadline.
    expect(source.polls.map((p) => p.at - 1_000_000)).toEqual([0, 100, 300, 700, 1_500, 3_100, 5_000]);
  });

  it('keeps polling through transient errors but gives up on permanent ones', async () => {
    const blip = new PveError({ kind: 'unreachable', retryable: true, pveMessage: 'socket hang up', code: 'ECONNRESET' });
    const flaky = new ScriptedTask([blip, blip, status({ status: 'stopped', exitstatus: 'OK' })]);
    const ok = waitForTask(flaky, UPID, {}, { minMs: 10, maxMs: 10 });
    await jest.runAllTimersAsync();
    await expect(ok).resolves.toMatchObject({ exitstatus: 'OK' });
    expect(flaky.polls).toHaveLength(3);

    const denied = new PveError({ kind: 'permission', retryable: false, status: 403, pveMessage: 'Permission check failed (/nodes/pve2, Sys.Audit)' });
    const forbidden = new ScriptedTask([denied]);
    await expect(waitForTask(forbidden, UPID)).rejects.toBe(denied);
    expect(forbidden.polls).toHaveLength(1);
  });

  it('gives up after five transient errors in a row', async () => {
    const blip = new PveError({ kind: 'unreachable', retryable: true, pveMessage: 'socket hang up' });
    const source = new ScriptedTask([blip]);
    const done = waitForTask(source, UPID, {}, { minMs: 10, maxMs: 10 });
    const assertion = expect(done).rejects.toBe(blip);
    await jest.runAllTimersAsync();
    await assertion;
    expect(source.polls).toHaveLength(5);
  });

  it('stops waiting when the signal aborts', async () => {
    const source = new ScriptedTask([status({})]);
    const controller = new AbortController();
    const done = waitForTask(source, UPID, { signal: controller.signal }, { minMs: 1_000, maxMs: 1_000 });
    const assertion = expect(done).rejects.toMatchObject({ name: 'AbortError' });
    await jest.advanceTimersByTimeAsync(1_500);
    controller.abort();
    await assertion;
    expect(source.polls).toHaveLength(2);
  });

  it('rejects a malformed UPID without polling', async () => {
    const source = new ScriptedTask([status({})]);
    await expect(waitForTask(source, 'not-a-upid')).rejects.toThrow(/UPID/);
    expect(source.polls).toHaveLength(0);
  });
});
