import type { OciImageConfig } from './oci-image-config';

/** Package managers that run a script from the `package.json` in the working directory. */
const PACKAGE_RUNNERS = new Set(['npm', 'yarn', 'pnpm']);
/** Files an interpreter is handed by name (`node app.js`, `bash start.sh`). */
const SCRIPT = /\.(?:js|mjs|cjs|ts|sh|py|rb|php|jar)$/;
/** Interpreters whose first argument, when not an option, is a script path (`node server` loads ./server). */
const INTERPRETERS = new Set(['node', 'python', 'python3', 'bash', 'sh']);

/**
 * The first word of the image's command that only makes sense in its `WorkingDir`, if any: a
 * relative path (`./memos`, `server/server.js`, `app.js` or `server` handed to node), or a package runner
 * (`pnpm start` reads ./package.json). A program name in a program position (the first word of
 * `Entrypoint`, of `Cmd`, or the word after `--`) is looked up in `PATH` instead, and so works
 * from any directory (`docker-entrypoint.sh`, `catalina.sh`). The kernel resolves the rest
 * against the process's working directory, which LXC takes from `lxc.init.cwd` (default `/`).
 */
export function pathNeedingWorkingDir(config: Pick<OciImageConfig, 'Entrypoint' | 'Cmd' | 'WorkingDir'>): string | undefined {
  const dir = config.WorkingDir.replace(/\/+$/, '');
  if (!dir) return undefined; // the image runs from / anyway
  const words = [...config.Entrypoint, ...config.Cmd];
  const programAt = new Set([0, config.Entrypoint.length]);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '--') programAt.add(i + 1);
    if (PACKAGE_RUNNERS.has(word)) return word;
    if (!word || word.startsWith('-') || word.startsWith('/') || word.includes('=') || /\s/.test(word) || word === '.' || word === '..') continue;
    const relativePath = word.startsWith('./') || word.startsWith('../') || word.includes('/');
    const script = !programAt.has(i) && (SCRIPT.test(word) || INTERPRETERS.has(words[i - 1]));
    if (relativePath || script) return word;
  }
  return undefined;
}
