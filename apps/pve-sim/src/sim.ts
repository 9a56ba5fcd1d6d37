import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSecureContext } from 'node:tls';
import { AccessControl } from './access/access-control';
import { createAdminHandler, inventory } from './admin/admin-api';
import { TicketAuthority } from './auth/ticket-authority';
import { FaultRegistry } from './faults/fault-registry';
import { createRequestListener } from './http/api-server';
import { generateCertificate, type TlsCertificate } from './http/tls-certificate';
import { BUILTIN_IMAGES } from './images/builtin-images';
import { ImageRegistry } from './images/image-registry';
import { ContainerNetwork } from './network/container-network';
import { buildApiRouter } from './routes/api-routes';
import type { SimContext } from './sim-context';
import { resolveOptions, TOKEN_ID, UUID_RE, type ResolvedSimOptions, type SimOptions } from './sim-options';
import { dataVolume } from './state/container-data';
import { containerIp } from './state/container-runtime';
import { loadStateFile, saveStateFile } from './state/state-file';
import { isLoopback } from './network/container-ip';
import { SimState } from './state/sim-state';
import { TaskRunner } from './tasks/task-runner';

export type { SimOptions } from './sim-options';

export interface SimHandle {
  url: string;
  port: number;
  host: string;
  protocol: 'http' | 'https';
  nodes: string[];
  rootPassword: string;
  tokenId: string;
  tokenSecret: string;
  options: ResolvedSimOptions;
  /** The live simulator, for in-process tests (faults, state). */
  context: SimContext;
  inventory(): unknown;
  reset(): Promise<void>;
  /** Closes the API server and every container listener; aborts running tasks. */
  close(): Promise<void>;
}

/** Starts a simulator and resolves once it listens. */
export async function startSim(options: SimOptions = {}): Promise<SimHandle> {
  const opts = resolveOptions(options, randomUUID);
  const nowMs = (): number => Date.now();
  const nowSeconds = (): number => Math.floor(nowMs() / 1000);
  const state = new SimState(opts.nodes, nowSeconds(), { sharedStorage: opts.sharedStorage });
  let persistTimer: NodeJS.Timeout | undefined;
  const persistNow = (): void => {
    if (persistTimer) clearTimeout(persistTimer);
    persistTimer = undefined;
    if (!opts.stateFile) return;
    try {
      saveStateFile(opts.stateFile, state, { tokenSecret: opts.tokenSecret, access: sim.access, tasks });
    } catch (err) {
      opts.log(`could not write ${opts.stateFile}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const schedulePersist = (): void => {
    if (!opts.stateFile || persistTimer) return;
    persistTimer = setTimeout(persistNow, 200);
    persistTimer.unref();
  };
  const faults = new FaultRegistry();
  const tasks = new TaskRunner({
    speed: opts.taskSpeed,
    nowSeconds,
    faults,
    bootTime: (node) => state.node(node)?.bootTime ?? 0,
    onInternalError: (err) => opts.log(`task internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
    onFinish: schedulePersist,
  });
  const images = new ImageRegistry([...BUILTIN_IMAGES, ...opts.extraImages]);
  const network = new ContainerNetwork({
    isUnhealthy: (image) => images.isUnhealthy(image.repository, image.tag),
    // Asked per request: `sim` exists by the time a container serves anything.
    dataStore: (vmid) => {
      const volume = dataVolume(sim, vmid);
      if (volume) volume.data ??= {};
      return volume?.data;
    },
    onDataChange: schedulePersist,
  });
  const sim: SimContext = {
    options: opts,
    state,
    tasks,
    faults,
    images,
    network,
    tickets: new TicketAuthority(nowSeconds),
    access: new AccessControl({ password: () => opts.rootPassword, tokenId: TOKEN_ID, tokenSecret: () => opts.tokenSecret }),
    nowSeconds,
    nowMs,
  };
  if (opts.stateFile) {
    const loaded = loadStateFile(opts.stateFile, state, { access: sim.access, tasks });
    // A demo keeps working with the token it was configured with.
    if (options.tokenSecret === undefined && loaded.tokenSecret && UUID_RE.test(loaded.tokenSecret)) opts.tokenSecret = loaded.tokenSecret;
  }

  const reset = async (): Promise<void> => {
    await tasks.abortAll();
    await network.closeAll();
    tasks.clear();
    faults.clear();
    images.reset();
    sim.access.reset();
    state.reset();
    persistNow();
  };

  const apiListener = createRequestListener(sim, buildApiRouter(), createAdminHandler(sim, reset));
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET') res.on('finish', schedulePersist);
    apiListener(req, res);
  };
  let server: Server;
  if (opts.http) server = createHttpServer(listener);
  else server = createHttpsServer(opts.tls ? checkedCertificate(opts.tls) : await generateCertificate(opts.host), listener);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  await reopenRunningContainers(sim);
  const protocol = opts.http ? 'http' : 'https';
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await tasks.abortAll();
      await network.closeAll();
      persistNow();
      await closed;
    })();
    return closing;
  };

  return {
    url: `${protocol}://${hostForUrl}:${port}`,
    port,
    host: opts.host,
    protocol,
    nodes: state.nodes.map((n) => n.name),
    rootPassword: opts.rootPassword,
    tokenId: TOKEN_ID,
    tokenSecret: opts.tokenSecret,
    options: opts,
    context: sim,
    inventory: () => inventory(sim),
    reset,
    close,
  };
}

/** A key that does not match the certificate, or a file that is not PEM, fails here with a clear message. */
function checkedCertificate(tls: TlsCertificate): TlsCertificate {
  try {
    createSecureContext({ key: tls.key, cert: tls.cert });
  } catch (err) {
    throw new Error(`invalid TLS key/certificate: ${err instanceof Error ? err.message : String(err)}`);
  }
  return tls;
}

/** After loading a state file: running containers get their listeners back (or are marked stopped). */
async function reopenRunningContainers(sim: SimContext): Promise<void> {
  for (const ct of sim.state.containers.values()) {
    if (ct.status !== 'running') continue;
    const ip = containerIp(ct);
    if (!ct.image || !ip || !isLoopback(ip)) continue;
    try {
      await sim.network.open({ vmid: ct.vmid, hostname: ct.config.get('hostname') ?? `CT${ct.vmid}`, ip, image: ct.image });
    } catch (err) {
      sim.options.log(`CT ${ct.vmid}: could not reopen ${ip}: ${err instanceof Error ? err.message : String(err)}; marking it stopped`);
      ct.status = 'stopped';
      ct.startedAt = undefined;
      ct.pid = undefined;
    }
  }
}
