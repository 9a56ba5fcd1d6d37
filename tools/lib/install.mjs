// What `npm test` and `npm run demo` install when it is missing: npm packages, and (as root on
// Debian) PostgreSQL, Redis, Chromium and python3-proxmoxer from Debian's packages.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { commandExists, fail, isRoot, log, root, run, runOrFail } from './run.mjs';

/** `npm install` when node_modules is missing or older than the lock file (`npm ci` fails here: TOOLCHAIN.md). */
export function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing npm packages (npm install)...');
  runOrFail('npm', ['install', '--no-audit', '--no-fund'], 'npm install');
}

let aptUpdated = false;

/** apt-get install, as root only; otherwise says what the person has to do. */
export function aptInstall(packages, why) {
  if (!isRoot || !commandExists('apt-get')) {
    fail(`${why}: install ${packages.join(' ')} (e.g. sudo apt-get install -y ${packages.join(' ')}) and run this again.`);
  }
  if (!aptUpdated) {
    runOrFail('apt-get', ['update', '-qq'], 'apt-get update', { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    aptUpdated = true;
  }
  log(`installing ${packages.join(' ')} from Debian's packages...`);
  runOrFail('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], `apt-get install ${packages.join(' ')}`, {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

export const CHROMIUM = '/usr/bin/chromium';

/** The browser tests use Debian's Chromium (no browser downloads on this machine). */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  aptInstall(['chromium', 'fonts-dejavu-core'], 'The browser tests need Chromium');
  if (!existsSync(CHROMIUM)) fail(`Chromium installed but ${CHROMIUM} is missing`);
}

export const DEBIAN_PYTHON = '/usr/bin/python3';

/**
 * The simulator's conformance suite drives it with Debian's python3-proxmoxer too (an independent
 * Proxmox client), through Debian's own Python.
 */
export function ensureProxmoxer() {
  // Its HTTPS backend needs requests, which the package only recommends (apt-get here skips those).
  const probe = () => existsSync(DEBIAN_PYTHON) && run(DEBIAN_PYTHON, ['-c', 'import proxmoxer, requests'], { stdio: 'ignore' }) === 0;
  if (probe()) return;
  aptInstall(['python3-proxmoxer', 'python3-requests'], 'The simulator tests need python3-proxmoxer');
  if (!probe()) fail(`python3-proxmoxer installed but ${DEBIAN_PYTHON} cannot import proxmoxer and requests`);
}

export function hasCommand(cmd) {
  return commandExists(cmd);
}

export { run };
