// Starts the simulated cluster, the gateway (serving the dashboard) and the worker from the
// built dist/ output; used by `npm run demo` and by the end-to-end suite.
import { createInterface } from 'node:readline';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { log, root, startChild, stopChild } from './run.mjs';

/**
 * @param {object} o
 * @param {string} o.databaseUrl   database of this stack (created and migrated by the gateway)
 * @param {string} o.redisUrl
 * @param {string} o.redisPrefix   keeps queues and events apart from other stacks on one Redis
 * @param {number} o.port          gateway port
 * @param {string} o.secret        PROXDECK_SECRET
 * @param {{username: string, password: string}} o.admin
 * @param {number} [o.nodes]
 * @param {number} [o.taskSpeed]
 * @param {number} [o.simPort]   0 (default) picks a free port
 * @param {string} [o.host]      where the gateway listens (default 127.0.0.1)
 * @param {string[]} [o.simArgs]
 * @param {Record<string,string>} [o.env] extra environment for gateway and worker
 */
export async function startStack(o) {
  const children = [];
  const stop = async () => {
    for (const child of children.reverse()) await stopChild(child);
  };
  try {
    const sim = await startSim(o, children);
    log(`simulated Proxmox VE cluster (${sim.nodes.join(', ')}) at ${sim.url}`);
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: o.databaseUrl,
      REDIS_URL: o.redisUrl,
      PROXDECK_REDIS_PREFIX: o.redisPrefix,
      PROXDECK_SECRET: o.secret,
      PROXDECK_ADMIN_USER: o.admin.username,
      PROXDECK_ADMIN_PASSWORD: o.admin.password,
      PVE_URL: sim.url,
      PVE_TOKEN_ID: sim.tokenId,
      PVE_TOKEN_SECRET: sim.tokenSecret,
      PVE_VERIFY_TLS: 'false',
      // The simulator's containers live on 127.x.y.z.
      PROXDECK_APPS_ON_LOOPBACK: 'true',
      HOST: o.host ?? '127.0.0.1',
      PORT: String(o.port),
      ...o.env,
    };
    const gatewayAt = children.length;
    const startGateway = async () => {
      const gateway = startChild('gateway', process.execPath, [join(root, 'dist/apps/gateway/main.js')], env);
      children[gatewayAt] = gateway;
      await waitForHttp(`http://127.0.0.1:${o.port}/readyz`, 60_000, gateway, 'gateway');
    };
    await startGateway();
    children.push(startChild('worker', process.execPath, [join(root, 'dist/apps/worker/main.js')], env));
    // The end-to-end suite takes the gateway away and brings it back (the console must reconnect by itself).
    const stopGateway = () => stopChild(children[gatewayAt]);
    return { url: `http://127.0.0.1:${o.port}`, sim, stop, stopGateway, startGateway };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function startSim(o, children) {
  const args = [join(root, 'dist/apps/pve-sim/main.js'), '--port', String(o.simPort ?? 0), '--host', '127.0.0.1', '--json',
    '--nodes', String(o.nodes ?? 3), '--task-speed', String(o.taskSpeed ?? 1), ...(o.simArgs ?? [])];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  child.stderr.on('data', (d) => process.stderr.write(`\x1b[2mpve-sim |\x1b[0m ${d}`));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`pve-sim printed: ${line}`));
      }
      lines.on('line', (l) => process.stdout.write(`\x1b[2mpve-sim |\x1b[0m ${l}\n`));
    });
    child.once('exit', (code) => reject(new Error(`pve-sim exited (${code}) before it was ready`)));
  });
}

async function waitForHttp(url, timeoutMs, child, name) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} was not ready at ${url} within ${timeoutMs / 1000} s`);
}
