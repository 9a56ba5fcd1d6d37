import { Inject, Injectable } from '@nestjs/common';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import { PveError, parseProxdeckMarker, parseUpid, type PveClient, type PveContainerStatus, type PveTaskStatus } from '@proxdeck/server-proxmox';
import type { CatalogEntry } from '@proxdeck/shared-catalog';
import { CUSTOM_CATALOG_ID } from '@proxdeck/shared-contracts';
import { CATALOG, PVE_CLIENT } from '../infrastructure/tokens';
import type { OperationRun } from '../operations/operation-run';
import { probeHttp, probeTcp } from './health-check';
import { checkCustomAppHealth } from './custom-app-health';
import { OperationFailure } from './operation-failure';

const IP_TIMEOUT_MS = 60_000;

/** The container steps several operations share: start, stop, wait for an address, health-check. */
@Injectable()
export class ContainerActions {
  constructor(
    @Inject(PVE_CLIENT) readonly pve: PveClient,
    @Inject(CATALOG) private readonly catalog: CatalogEntry[],
    @Inject(PROXDECK_CONFIG) readonly config: ProxdeckConfig,
  ) {}

  catalogEntry(catalogId: string): CatalogEntry {
    const entry = this.catalog.find((e) => e.id === catalogId);
    if (!entry) throw new OperationFailure(`The catalog has no entry "${catalogId}" any more.`);
    return entry;
  }

  /** The app's catalog entry, or null for an app adopted without one (`custom`: a container and a port). */
  catalogEntryOf(app: { catalogId: string }): CatalogEntry | null {
    return app.catalogId === CUSTOM_CATALOG_ID ? null : this.catalogEntry(app.catalogId);
  }

  /** Where the app's container is; an app without one cannot be acted on. */
  location(run: OperationRun): { node: string; vmid: number } {
    const { node, vmid } = run.app;
    if (!node || vmid === null) throw new OperationFailure(`${run.app.hostname} has no container yet.`);
    return { node, vmid };
  }

  /** The container's status, or null when it does not exist. */
  async status(node: string, vmid: number): Promise<PveContainerStatus | null> {
    try {
      return await this.pve.containerStatus(node, vmid);
    } catch (err) {
      if (err instanceof PveError && err.kind === 'not-found') return null;
      throw err;
    }
  }

  /** True when the container exists and carries this app's marker (so it is ours to change or destroy). */
  async isOurs(node: string, vmid: number, appId: string): Promise<boolean> {
    try {
      const config = await this.pve.containerConfig(node, vmid);
      return parseProxdeckMarker(config.description) === appId;
    } catch (err) {
      if (err instanceof PveError && err.kind === 'not-found') return false;
      throw err;
    }
  }

  async runTask(run: OperationRun, what: string, upid: string): Promise<void> {
    await run.recordUpid(upid);
    await run.log(`${what}: Proxmox task ${upid}`);
    await this.reportWarnings(run, upid, await this.pve.waitForTask(upid));
    await run.log(`${what}: done`);
  }

  /**
   * A task that ended `WARNINGS: n` succeeded, but what it warned about belongs in the operation's
   * log. Returns the warnings (without `WARN: `), for a caller that acts on one.
   */
  async reportWarnings(run: OperationRun, upid: string, status: PveTaskStatus): Promise<string[]> {
    if (!status.exitstatus?.startsWith('WARNINGS')) return [];
    const lines = (await this.pve.taskLog(parseUpid(upid).node, upid, 0, 1000)).map((l) => l.t);
    const warnings = lines.filter((l) => l.startsWith('WARN: ')).map((l) => l.slice(6));
    for (const warning of warnings) await run.log(`Proxmox warned: ${warning}`, 'warn');
    return warnings;
  }

  async start(run: OperationRun): Promise<void> {
    const { node, vmid } = this.location(run);
    const current = await this.status(node, vmid);
    if (!current) throw new OperationFailure(`Container ${vmid} no longer exists on ${node}.`);
    if (current.status === 'running') return run.log(`Container ${vmid} is already running`);
    await this.runTask(run, `Starting container ${vmid} on ${node}`, await this.pve.startContainer(node, vmid));
  }

  /** Graceful shutdown with the configured timeout, then a hard stop (`forceStop`). */
  async stop(run: OperationRun): Promise<void> {
    const { node, vmid } = this.location(run);
    const current = await this.status(node, vmid);
    if (!current || current.status !== 'running') return run.log(`Container ${vmid} is not running`);
    const timeout = this.config.worker.stopTimeoutSec;
    await this.runTask(run, `Shutting down container ${vmid} (up to ${timeout} s, then stop)`, await this.pve.shutdownContainer(node, vmid, timeout, true));
  }

  /** Waits for the container's eth0 address (DHCP takes a moment after start). */
  async discoverIp(run: OperationRun): Promise<string> {
    const { node, vmid } = this.location(run);
    const deadline = Date.now() + IP_TIMEOUT_MS;
    for (;;) {
      const interfaces = await this.pve.containerInterfaces(node, vmid);
      const eth0 = interfaces?.find((i) => i.name === 'eth0');
      const ip = eth0?.inet?.split('/')[0];
      if (ip) {
        if (run.app.ip !== ip) await run.updateApp({ ip });
        await run.log(`Container address: ${ip}`);
        return ip;
      }
      // An application container stops when its app exits: no address will come.
      if ((await this.status(node, vmid))?.status === 'stopped') {
        throw new OperationFailure(`Container ${vmid} stopped right after it started: the app in it exited. Its console on ${node} shows why (often a data volume its user cannot write).`);
      }
      if (Date.now() > deadline) throw new OperationFailure(`Container ${vmid} got no IPv4 address within ${IP_TIMEOUT_MS / 1000} s; check the bridge and DHCP.`);
      await sleep(500);
    }
  }

  /** Polls the app's health check until it passes or its timeout from the catalog runs out. */
  async checkHealth(run: OperationRun): Promise<void> {
    const app = run.app;
    // Adopted without a catalog entry: no declared check, so any HTTP answer on its port (see the file).
    if (app.catalogId === CUSTOM_CATALOG_ID) return checkCustomAppHealth(run, this.config.worker.healthcheckIntervalMs);
    const entry = this.catalogEntry(app.catalogId);
    if (!app.ip || !app.httpPort) throw new OperationFailure(`${app.hostname} has no address to check.`);
    const primary = entry.ports.find((p) => p.primary) ?? entry.ports[0];
    const timeoutSec = entry.healthcheck?.timeoutSec ?? 120;
    const target = entry.healthcheck
      ? `${primary.protocol === 'https' ? 'https' : 'http'}://${app.ip}:${app.httpPort}${entry.healthcheck.path}`
      : `${app.ip}:${primary.port}`;
    await run.log(`Health check ${target} (up to ${timeoutSec} s)`);
    const deadline = Date.now() + timeoutSec * 1000;
    let last = '';
    for (;;) {
      const result = entry.healthcheck
        ? await probeHttp({ url: target, expect: entry.healthcheck.expect })
        : await probeTcp(app.ip, primary.port);
      if (result.healthy) return run.log(`Healthy (${result.detail})`);
      if (result.detail !== last) await run.log(`Not healthy yet (${result.detail})`);
      last = result.detail;
      if (Date.now() > deadline) {
        throw new OperationFailure(`${entry.name} did not become healthy within ${timeoutSec} s (last answer: ${last}).`);
      }
      await sleep(this.config.worker.healthcheckIntervalMs);
    }
  }

  /** After a failure: the app row says what Proxmox really shows, with the reason beside it. */
  async reflectRealState(run: OperationRun, reason: string): Promise<void> {
    if (!run.hasApp) return;
    const { node, vmid } = run.app;
    const real = node && vmid !== null ? await this.status(node, vmid).catch(() => undefined) : null;
    if (real === null) {
      await run.updateApp({ status: 'missing', statusReason: `${reason} The container no longer exists in Proxmox.` });
    } else if (real === undefined) {
      await run.updateApp({ status: 'error', statusReason: reason });
    } else {
      // Running but unhealthy is an error; a container that is cleanly stopped is just stopped.
      await run.updateApp({ status: real.status === 'running' ? 'error' : 'stopped', statusReason: reason });
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
