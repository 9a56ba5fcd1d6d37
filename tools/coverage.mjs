#!/usr/bin/env node
// `npm run coverage`: unit and integration suites of every project with coverage, then one table
// of statement/branch/function/line coverage per project (from Jest's json-summary reports).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureNodeModules } from './lib/install.mjs';
import { ensureServices, testEnvironment } from './lib/services.mjs';
import { log, root, run } from './lib/run.mjs';

ensureNodeModules();
const env = testEnvironment(await ensureServices());
const coverageDir = `${root}/coverage`;
rmSync(coverageDir, { recursive: true, force: true });

const reporters = ['--coverage', '--coverageReporters=json-summary', '--coverageReporters=text-summary'];
const unit = run('npx', ['nx', 'run-many', '-t', 'test', '--skip-nx-cache', '--output-style=static', '--', ...reporters], { env });
// Integration suites report to coverage/<project>-int (their jest.int configs), next to the unit ones.
const integration = run('npx', ['nx', 'run-many', '-t', 'int-test', '--parallel=1', '--skip-nx-cache', '--output-style=static', '--', ...reporters], { env });

const rows = [];
const visit = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) visit(path);
    else if (entry.name === 'coverage-summary.json') {
      const total = JSON.parse(readFileSync(path, 'utf8')).total;
      rows.push({ project: path.slice(coverageDir.length + 1, -'/coverage-summary.json'.length), ...total });
    }
  }
};
if (existsSync(coverageDir)) visit(coverageDir);
log('== coverage per project (statements / branches / functions / lines, %)');
const width = Math.max(7, ...rows.map((r) => r.project.length));
for (const r of rows.sort((a, b) => a.project.localeCompare(b.project))) {
  const pct = (m) => String(m.pct).padStart(6);
  process.stdout.write(`${r.project.padEnd(width)} ${pct(r.statements)} ${pct(r.branches)} ${pct(r.functions)} ${pct(r.lines)}\n`);
}
process.exit(unit === 0 && integration === 0 ? 0 : 1);
