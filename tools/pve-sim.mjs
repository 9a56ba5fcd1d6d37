#!/usr/bin/env node
// `npm run pve-sim -- --port 8006 --nodes 3`: the simulator alone, built first when needed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureNodeModules } from './lib/install.mjs';
import { root, runOrFail } from './lib/run.mjs';

ensureNodeModules();
runOrFail('npx', ['nx', 'run', 'pve-sim:build', '--output-style=stream-without-prefixes'], 'building pve-sim', {
  env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
});
const child = spawn(process.execPath, [join(root, 'dist/apps/pve-sim/main.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
