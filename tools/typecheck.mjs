#!/usr/bin/env node
// Type-checks every project's tsconfig (app/lib and spec) with `tsc --noEmit`, two at a time.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from './lib/run.mjs';

function projectDirs(dir) {
  if (existsSync(join(dir, 'project.json'))) return [dir];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'node_modules')
    .flatMap((d) => projectDirs(join(dir, d.name)));
}

const configs = [...projectDirs(join(root, 'apps')), ...projectDirs(join(root, 'libs'))].flatMap((dir) =>
  ['tsconfig.app.json', 'tsconfig.lib.json', 'tsconfig.spec.json', 'tsconfig.e2e.json']
    .map((f) => join(dir, f))
    .filter((f) => existsSync(f)),
);
// dashboard-e2e has only tsconfig.json
if (existsSync(join(root, 'apps/dashboard-e2e/tsconfig.json'))) configs.push(join(root, 'apps/dashboard-e2e/tsconfig.json'));

const tsc = join(root, 'node_modules/typescript/bin/tsc');
const failures = [];
let next = 0;

async function worker() {
  while (next < configs.length) {
    const config = configs[next++];
    const output = await new Promise((resolve) => {
      let out = '';
      const child = spawn(process.execPath, [tsc, '--noEmit', '-p', config], { cwd: root });
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('exit', (code) => resolve({ code, out }));
    });
    const name = relative(root, config);
    if (output.code === 0) {
      process.stdout.write(`  ok   ${name}\n`);
    } else {
      process.stdout.write(`  FAIL ${name}\n${output.out}\n`);
      failures.push(name);
    }
  }
}

await Promise.all([worker(), worker()]);
if (failures.length) {
  process.stderr.write(`type-check failed in ${failures.length} config(s): ${failures.join(', ')}\n`);
  process.exit(1);
}
process.stdout.write(`type-check: ${configs.length} configs clean\n`);
