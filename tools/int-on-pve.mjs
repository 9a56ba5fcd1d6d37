#!/usr/bin/env node
// `npm run test:int:pve -- 9.1.4`: every integration suite against the simulator acting as that
// Proxmox VE release (pve-sim --pve-version; default 9.1.4, the release before the current one).
// `npm test` runs them on the current release, plus the catalog and data-safety suites on both.
import { buildAll } from './build.mjs';
import { ensureNodeModules, ensureProxmoxer } from './lib/install.mjs';
import { ensureServices, testEnvironment } from './lib/services.mjs';
import { log, run } from './lib/run.mjs';

const version = process.argv[2] ?? '9.1.4';
ensureNodeModules();
ensureProxmoxer();
const env = { ...testEnvironment(await ensureServices()), PVE_SIM_VERSION: version };
buildAll();
log(`== integration tests on Proxmox VE ${version}`);
process.exit(run('npx', ['nx', 'run-many', '-t', 'int-test', '--parallel=1', '--output-style=static', '--skip-nx-cache'], { env }));
