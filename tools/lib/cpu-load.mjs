// A bounded CPU load beside a test run (`npm run test:e2e:soak -- --load`): one worker thread per
// core, each busy DUTY of every 100 ms, so contention flakes show here rather than on users'
// machines. Bounded: the machine stays usable, and the load ends with the run.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

const SLICE_MS = 100;

/** Starts the load; call the returned function to stop it. */
export function startCpuLoad({ duty = 0.8, threads = availableParallelism() } = {}) {
  const busyMs = Math.round(SLICE_MS * duty);
  // No imports in the thread's code: it stops when terminated.
  const source = `
    const tick = () => {
      const until = Date.now() + ${busyMs};
      while (Date.now() < until) { /* busy */ }
      setTimeout(tick, ${SLICE_MS - busyMs});
    };
    tick();`;
  const workers = Array.from({ length: threads }, () => new Worker(source, { eval: true }));
  return async () => {
    await Promise.all(workers.map((w) => w.terminate()));
  };
}
