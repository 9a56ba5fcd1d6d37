/** Thrown when the flock cannot be had in time (`lock_file_full`). */
export class FlockTimeout extends Error {}

interface Waiter {
  grant: () => void;
  fail: (err: Error) => void;
  timer?: NodeJS.Timeout;
}

/**
 * The per-CT config flock `/run/lock/lxc/pve-config-<vmid>.lock`: held for the whole run of
 * vzcreate/vzrestore, vzstart, vzstop, vzshutdown, vzreboot, vzdestroy and resize, and briefly by
 * PUT config. Waiters queue in order and give up after the timeout (10 s in PVE).
 */
export class ConfigFlocks {
  private readonly held = new Set<number | string>();
  private readonly queues = new Map<number | string, Waiter[]>();

  static path(vmid: number | string): string {
    return `/run/lock/lxc/pve-config-${vmid}.lock`;
  }

  isHeld(vmid: number | string): boolean {
    return this.held.has(vmid);
  }

  /**
   * Resolves with a release function; rejects with FlockTimeout after `timeoutMs`. Keys are CT ids
   * for config flocks; strings name other locks (e.g. a node's global vzdump lock).
   */
  acquire(vmid: number | string, timeoutMs: number, lockPath: string = ConfigFlocks.path(vmid)): Promise<() => void> {
    const release = (): void => this.release(vmid);
    if (!this.held.has(vmid)) {
      this.held.add(vmid);
      return Promise.resolve(once(release));
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => resolve(once(release)),
        fail: reject,
      };
      waiter.timer = setTimeout(() => {
        this.dropWaiter(vmid, waiter);
        reject(new FlockTimeout(`can't lock file '${lockPath}' - got timeout`));
      }, timeoutMs);
      const queue = this.queues.get(vmid) ?? [];
      queue.push(waiter);
      this.queues.set(vmid, queue);
    });
  }

  /** Fails every waiter (simulator shutdown or reset) and forgets all locks. */
  abortAll(err: Error): void {
    for (const queue of this.queues.values()) {
      for (const w of queue) {
        clearTimeout(w.timer);
        w.fail(err);
      }
    }
    this.queues.clear();
    this.held.clear();
  }

  private release(vmid: number | string): void {
    const queue = this.queues.get(vmid);
    const next = queue?.shift();
    if (queue && queue.length === 0) this.queues.delete(vmid);
    if (next) {
      clearTimeout(next.timer);
      next.grant();
    } else {
      this.held.delete(vmid);
    }
  }

  private dropWaiter(vmid: number | string, waiter: Waiter): void {
    const queue = this.queues.get(vmid);
    if (!queue) return;
    const rest = queue.filter((w) => w !== waiter);
    if (rest.length === 0) this.queues.delete(vmid);
    else this.queues.set(vmid, rest);
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
