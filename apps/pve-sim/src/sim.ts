import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createAdminHandler, inventory } from './admin/admin-api';
import { TicketAuthority } from './auth/ticket-authority';
import { FaultRegistry } from './faults/fault-registry';
import { createRequestListener } from './http/api-server';
import { generateCertificate } from './http/tls-certificate';
import { BUILTIN_IMAGES } from './images/builtin-images';
import { ImageRegistry } from './images/image-registry';
import { ContainerNetwork } from './network/container-network';
import { buildApiRouter } from './routes/api-routes';
import type { SimContext } from './sim-context';
import { resolveOptions, TOKEN_ID, type ResolvedSimOptions, type SimOptions } from './sim-options';
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
  const state = new SimState(opts.nodes, nowSeconds());
  const faults = new FaultRegistry();
  const tasks = new TaskRunner({
    speed: opts.taskSpeed,
    nowSeconds,
    faults,
    bootTime: (node) => state.node(node)?.bootTime ?? 0,
    onInternalError: (err) => opts.log(`task internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  });
  const network = new ContainerNetwork();
  const sim: SimContext = {
    options: opts,
    state,
    tasks,
    faults,
    images: new ImageRegistry([...BUILTIN_IMAGES, ...opts.extraImages]),
    network,
    tickets: new TicketAuthority(nowSeconds),
    nowSeconds,
    nowMs,
  };

  const reset = async (): Promise<void> => {
    await tasks.abortAll();
    await network.closeAll();
    tasks.clear();
    faults.clear();
    state.reset();
  };

  const listener = createRequestListener(sim, buildApiRouter(), createAdminHandler(sim, reset));
  let server: Server;
  if (opts.http) server = createHttpServer(listener);
  else server = createHttpsServer(await generateCertificate(opts.host), listener);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const protocol = opts.http ? 'http' : 'https';
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await tasks.abortAll();
      await network.closeAll();
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
