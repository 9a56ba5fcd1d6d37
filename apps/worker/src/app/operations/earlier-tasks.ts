import { PveError, PveTaskError, parseUpid, type PveClient, type PveTaskStatus } from '@proxdeck/server-proxmox';
import type { OperationRun } from './operation-run';

/**
 * Lets the Proxmox tasks an earlier attempt started end before this attempt looks at anything.
 * A worker that died leaves its task running, and the step it was in runs again on the next
 * worker: judged mid-task, a container still being created (`lock: create`, no marker yet) looks
 * like someone else's, so the deploy would give up and leave it behind once the task finished.
 * A task that failed is no concern here: the step that started it checks what it left.
 */
export async function settleEarlierTasks(pve: PveClient, run: OperationRun): Promise<void> {
  for (const upid of new Set(run.operation.upids)) {
    const status = await taskStatus(pve, upid);
    if (status?.status !== 'running') continue;
    await run.log(`Waiting for Proxmox task ${upid}, started by an earlier attempt, to end before going on`);
    await pve.waitForTask(upid).catch((err: unknown) => {
      if (!(err instanceof PveTaskError)) throw err;
    });
  }
}

/** Null when Proxmox no longer knows the task (its node's task list was cleaned up). */
async function taskStatus(pve: PveClient, upid: string): Promise<PveTaskStatus | null> {
  try {
    return await pve.taskStatus(parseUpid(upid).node, upid);
  } catch (err) {
    if (err instanceof PveError && err.kind === 'not-found') return null;
    throw err;
  }
}
