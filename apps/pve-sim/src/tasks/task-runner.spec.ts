import { FaultRegistry } from '../faults/fault-registry';
import { TaskFailure, TaskRunner } from './task-runner';
import { parseUpid } from './upid';

function runner(faults = new FaultRegistry()): TaskRunner {
  return new TaskRunner({ speed: 0, nowSeconds: () => 1_729_080_000, faults, bootTime: () => 1_729_000_000 });
}

async function settle(tasks: TaskRunner): Promise<void> {
  while (tasks.runningCount() > 0) await new Promise((r) => setImmediate(r));
}

describe('TaskRunner', () => {
  it('returns a running task with a parseable UPID before the body runs', async () => {
    const tasks = runner();
    let ran = false;
    const task = tasks.start({ node: 'pve1', type: 'vzstart', id: '100', user: 'root@pam!proxdeck', work: async () => void (ran = true) });
    expect(task.status).toBe('running');
    expect(ran).toBe(false);
    expect(parseUpid(task.upid)).toMatchObject({ node: 'pve1', type: 'vzstart', id: '100', user: 'root@pam!proxdeck', starttime: 1_729_080_000 });
    await settle(tasks);
    expect(ran).toBe(true);
    expect(task).toMatchObject({ status: 'stopped', exitstatus: 'OK', endtime: 1_729_080_000 });
    expect(task.log).toEqual(['TASK OK']);
  });

  it('ends with TASK ERROR (newlines flattened) and TASK WARNINGS', async () => {
    const tasks = runner();
    const failed = tasks.start({ node: 'pve1', type: 'vzstop', id: '100', user: 'root@pam', work: async () => Promise.reject(new TaskFailure('first\nsecond\n')) });
    const warned = tasks.start({ node: 'pve1', type: 'vzdump', id: '', user: 'root@pam', work: async (ctx) => ctx.warn('careful') });
    await settle(tasks);
    expect(failed.exitstatus).toBe('first second');
    expect(failed.log.at(-1)).toBe('TASK ERROR: first second');
    expect(warned.log).toEqual(['WARN: careful', 'TASK WARNINGS: 1']);
  });

  it('applies injected task failures at the next step', async () => {
    const faults = new FaultRegistry();
    faults.add({ kind: 'task-fail', taskType: 'vzstart', vmid: 100 });
    const tasks = runner(faults);
    let reached = false;
    const task = tasks.start({
      node: 'pve1',
      type: 'vzstart',
      id: '100',
      user: 'root@pam',
      vmid: 100,
      work: async (ctx) => {
        await ctx.step(1000);
        reached = true;
      },
    });
    await settle(tasks);
    expect(reached).toBe(false);
    expect(task.exitstatus).toBe("startup for container '100' failed");
  });

  it('aborts sleeping tasks', async () => {
    const tasks = new TaskRunner({ speed: 1, nowSeconds: () => 0, faults: new FaultRegistry(), bootTime: () => 0 });
    const task = tasks.start({ node: 'pve1', type: 'vzcreate', id: '100', user: 'root@pam', work: (ctx) => ctx.step(60_000) });
    await tasks.abortAll();
    expect(task.status).toBe('stopped');
    expect(task.log.at(-1)).toBe('TASK ERROR: interrupted by signal');
  });

  it('serialises tasks on one CT through the config flock and times out waiters', async () => {
    const tasks = new TaskRunner({ speed: 1, nowSeconds: () => 0, faults: new FaultRegistry(), bootTime: () => 0, flockTimeoutMs: 20 });
    const first = tasks.start({ node: 'pve1', type: 'vzstart', id: '100', user: 'root@pam', flock: 100, work: (ctx) => ctx.step(10) });
    const second = tasks.start({ node: 'pve1', type: 'vzstop', id: '100', user: 'root@pam', flock: 100, work: (ctx) => ctx.step(1) });
    const blocker = tasks.start({ node: 'pve1', type: 'vzstart', id: '101', user: 'root@pam', flock: 101, work: (ctx) => ctx.step(60_000) });
    const starved = tasks.start({ node: 'pve1', type: 'vzstop', id: '101', user: 'root@pam', flock: 101, work: (ctx) => ctx.step(1) });
    while (first.status === 'running' || second.status === 'running' || starved.status === 'running') await new Promise((r) => setTimeout(r, 5));
    expect(first.exitstatus).toBe('OK');
    expect(second.log).toEqual(['trying to acquire lock... OK', 'TASK OK']);
    expect(starved.exitstatus).toBe("can't lock file '/run/lock/lxc/pve-config-101.lock' - got timeout");
    await tasks.abortAll();
    expect(blocker.exitstatus).toBe('interrupted by signal');
  });

  it('stops a task at its current step with received interrupt', async () => {
    const tasks = new TaskRunner({ speed: 1, nowSeconds: () => 0, faults: new FaultRegistry(), bootTime: () => 0 });
    let cleaned = false;
    const task = tasks.start({
      node: 'pve1',
      type: 'vzcreate',
      id: '100',
      user: 'root@pam',
      work: async (ctx) => {
        try {
          await ctx.step(60_000);
        } finally {
          cleaned = true;
        }
      },
    });
    await new Promise((r) => setTimeout(r, 5));
    tasks.stop(task.upid);
    while (task.status === 'running') await new Promise((r) => setTimeout(r, 1));
    expect(cleaned).toBe(true);
    expect(task.log.at(-1)).toBe('TASK ERROR: received interrupt');
  });
});
