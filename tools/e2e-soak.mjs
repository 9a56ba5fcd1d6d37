#!/usr/bin/env node
// `npm run test:e2e:soak [-- --runs N] [--load]`: the whole Playwright suite N times in a row
// (default 10), each run on a fresh stack, then a table of every test's passes and failures. A test
// that both passed and failed is a flake. `--load` runs a bounded CPU load on every core beside it
// (tools/lib/cpu-load.mjs), as a busy machine would. Traces, screenshots and an HTML report are kept for failed runs in
// dist/.soak/run-<n>/.
import { readFileSync, rmSync } from 'node:fs';
import { buildAll } from './build.mjs';
import { startCpuLoad } from './lib/cpu-load.mjs';
import { ensureChromium, ensureNodeModules } from './lib/install.mjs';
import { ensureServices, testEnvironment } from './lib/services.mjs';
import { fail, log, root, run } from './lib/run.mjs';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 10;
if (!Number.isInteger(runs) || runs < 1) fail('--runs needs a whole number of at least 1');
const withLoad = process.argv.includes('--load');

ensureNodeModules();
ensureChromium();
const env = testEnvironment(await ensureServices());
buildAll();

const outDir = `${root}/dist/.soak`;
rmSync(outDir, { recursive: true, force: true });

const stopLoad = withLoad ? startCpuLoad() : null;
if (withLoad) log('== a bounded CPU load (80% of every core) runs beside the soak');

/** title -> { passed, failed } */
const table = new Map();
const runSummaries = [];
for (let i = 1; i <= runs; i++) {
  log(`== soak run ${i}/${runs}`);
  const runDir = `${outDir}/run-${i}`;
  const started = Date.now();
  const code = run('npx', ['playwright', 'test', '-c', 'apps/dashboard-e2e/playwright.config.mts', '--reporter=list,json,html', '--output', `${runDir}/test-results`], {
    env: {
      ...env,
      PLAYWRIGHT_JSON_OUTPUT_NAME: `${runDir}/results.json`,
      PLAYWRIGHT_HTML_OUTPUT_DIR: `${runDir}/report`,
      PLAYWRIGHT_HTML_OPEN: 'never',
    },
  });
  const counts = collect(`${runDir}/results.json`);
  runSummaries.push({ run: i, code, seconds: Math.round((Date.now() - started) / 1000), ...counts });
  if (code === 0) rmSync(runDir, { recursive: true, force: true });
}

function collect(file) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { passed: 0, failed: 0, note: 'no report (the stack did not start?)' };
  }
  let passed = 0;
  let failed = 0;
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const title = [...path, spec.title].filter(Boolean).join(' › ');
        const ok = (test.results ?? []).every((r) => r.status === 'passed') && (test.results ?? []).length > 0;
        const row = table.get(title) ?? { passed: 0, failed: 0 };
        if (ok) row.passed++;
        else row.failed++;
        table.set(title, row);
        if (ok) passed++;
        else failed++;
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, [suite.title]);
  return { passed, failed };
}

await stopLoad?.();
log(`== soak summary${withLoad ? ' (under load)' : ''}`);
for (const r of runSummaries) log(`run ${String(r.run).padStart(2)}: ${r.code === 0 ? 'green' : 'RED  '} ${r.passed} passed, ${r.failed} failed, ${r.seconds}s${r.note ? ` (${r.note})` : ''}`);
const width = Math.max(4, ...[...table.keys()].map((t) => t.length));
process.stdout.write(`\n${'test'.padEnd(width)}  passed  failed  flaky\n`);
let flakes = 0;
for (const [title, row] of [...table.entries()].sort()) {
  const flaky = row.passed > 0 && row.failed > 0;
  if (flaky) flakes++;
  process.stdout.write(`${title.padEnd(width)}  ${String(row.passed).padStart(6)}  ${String(row.failed).padStart(6)}  ${flaky ? 'FLAKY' : ''}\n`);
}
const green = runSummaries.filter((r) => r.code === 0).length;
process.stdout.write(`\nsoak: ${green}/${runs} runs green, ${flakes} flaky test(s)${green < runs ? `; failed runs kept in ${outDir}` : ''}\n`);
process.exit(green === runs ? 0 : 1);
