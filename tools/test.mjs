#!/usr/bin/env node
// `npm test`: installs what is missing, makes sure PostgreSQL and Redis run, then lint,
// type-check, unit, integration and end-to-end suites. Exits non-zero if any of them fails.
import { buildAll } from './build.mjs';
import { ensureChromium, ensureNodeModules, ensureProxmoxer } from './lib/install.mjs';
import { ensureServices, testEnvironment } from './lib/services.mjs';
import { log, run } from './lib/run.mjs';

ensureNodeModules();
ensureChromium();
ensureProxmoxer();
const env = testEnvironment(await ensureServices());
// Test stages always run: Nx keeps its cache per user (~/.nx), shared by every clone on a machine,
// and a replayed result is not a test run. Builds stay cached (their outputs are what is tested).
const nx = (...args) => () => run('npx', ['nx', ...args, '--output-style=static', '--skip-nx-cache'], { env });

const stages = [
  ['lint', nx('run-many', '-t', 'lint')],
  ['type-check', () => run(process.execPath, ['tools/typecheck.mjs'], { env })],
  ['catalog check', nx('run', 'shared-catalog:check')],
  ['unit tests', nx('run-many', '-t', 'test')],
  ['build', () => (buildAll(), 0)],
  ['integration tests', nx('run-many', '-t', 'int-test', '--parallel=1')],
  ['end-to-end tests', nx('run', 'dashboard-e2e:e2e')],
];

const results = [];
for (const [name, stage] of stages) {
  log(`== ${name}`);
  const started = Date.now();
  const code = stage();
  results.push({ name, ok: code === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

log('== summary');
for (const r of results) log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(18)} ${r.seconds}s`);
const failed = results.filter((r) => !r.ok);
log(failed.length ? `${failed.length} stage(s) failed` : 'all stages passed');
// A plain closing line any CI reader understands.
process.stdout.write(`stages: ${results.length - failed.length} passed, ${failed.length} failed\n`);
process.exit(failed.length ? 1 : 0);
