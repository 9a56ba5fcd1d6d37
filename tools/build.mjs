// Builds what the stack runs: simulator, gateway, worker, dashboard (Nx caches unchanged ones).
import { runOrFail } from './lib/run.mjs';

export function buildAll() {
  runOrFail('npx', ['nx', 'run-many', '-t', 'build', '-p', 'pve-sim', 'gateway', 'worker', 'dashboard', '--output-style=stream-without-prefixes'],
    'build', { env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' } });
}

// `npm run build` runs this file directly.
if (import.meta.url === `file://${process.argv[1]}`) buildAll();
