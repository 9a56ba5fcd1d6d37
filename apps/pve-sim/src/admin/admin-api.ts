import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyFaultEffect, undoFaultEffect } from '../faults/fault-effects';
import { parseFaultSpec } from '../faults/fault-registry';
import type { SimContext } from '../sim-context';
import { containerIp } from '../state/container-runtime';
import { DATA_KEY_RE, dataVolume } from '../state/container-data';
import { parseImageDefinitions } from '../images/image-definition';
import { parseRepositoryReference } from '../images/image-registry';

function reply(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(payload));
  res.end(payload);
}

/** What the simulator holds, for tests and demos (`GET /_sim/inventory`). */
export function inventory(sim: SimContext): unknown {
  return {
    nodes: sim.state.nodes.map((n) => ({ name: n.name, status: n.status })),
    containers: [...sim.state.containers.values()]
      .sort((a, b) => a.vmid - b.vmid)
      .map((ct) => ({
        vmid: ct.vmid,
        node: ct.node,
        hostname: ct.config.get('hostname') ?? null,
        status: ct.status,
        lock: ct.config.get('lock') ?? null,
        ip: containerIp(ct) ?? null,
        tags: ct.config.get('tags') ?? null,
        description: ct.config.get('description') ?? null,
        image: ct.image ? `${ct.image.repository}:${ct.image.tag}` : null,
        volumes: [...sim.state.volumes.values()].filter((v) => sim.state.visibleOn(v, ct.node) && v.vmid === ct.vmid).map((v) => v.volid),
      })),
    volumes: [...sim.state.volumes.values()].map((v) => ({ volid: v.volid, node: v.node, storage: v.storage, content: v.content, size: v.size })),
    tasks: { running: sim.tasks.runningCount() },
  };
}

/**
 * `POST /_sim/images`: one entry or an array. A known repository needs only `tags` (published) and/or
 * `unhealthyTags` (containers from them answer 500) and `healthyTags` (undo that); a new one needs
 * the `--registry-file` shape. Short names (`nginx`) are normalised. Answers with the changed entries.
 */
function addImages(sim: SimContext, json: unknown): unknown[] {
  const entries = (Array.isArray(json) ? json : [json]).map((raw: unknown, i) => {
    if (typeof raw !== 'object' || raw === null || !('repository' in raw) || typeof raw.repository !== 'string') {
      throw new Error(`image entry #${i}: 'repository' is required, e.g. 'docker.io/library/nginx'`);
    }
    const repository = parseRepositoryReference(raw.repository);
    if (!repository) throw new Error(`image entry #${i}: 'repository' must be a repository without a tag, e.g. 'docker.io/library/nginx'`);
    const healthy: unknown = 'healthyTags' in raw ? raw.healthyTags : [];
    if (!Array.isArray(healthy) || healthy.some((t) => typeof t !== 'string')) throw new Error(`image entry #${i}: 'healthyTags' must be tag strings`);
    const definition: Record<string, unknown> = { tags: [], ...raw, repository };
    delete definition['healthyTags'];
    return { repository, definition, healthy: healthy as string[] };
  });
  const definitions = parseImageDefinitions(entries.map((e) => e.definition), (repo) => sim.images.get(repo));
  sim.images.add(definitions);
  for (const { repository, healthy } of entries) sim.images.markHealthy(repository, healthy);
  return definitions.map((d) => sim.images.get(d.repository));
}

/**
 * `GET /_sim/containers/{vmid}/data`: `{vmid, volid, data}` of the CT's data volume (first mount
 * point, else rootfs); `PUT` with a JSON object of string values merges it in (seeding a stopped
 * CT). 404 when the CT or its data volume does not exist.
 */
function containerData(sim: SimContext, vmid: number, method: string, body: string, res: ServerResponse): void {
  const volume = dataVolume(sim, vmid);
  if (!volume) return reply(res, 404, { error: `CT ${vmid} does not exist or has no data volume` });
  if (method === 'PUT') {
    let values: unknown;
    try {
      values = JSON.parse(body || 'null');
    } catch {
      values = null;
    }
    if (typeof values !== 'object' || values === null || Array.isArray(values) || Object.entries(values).some(([k, v]) => !DATA_KEY_RE.test(k) || typeof v !== 'string')) {
      return reply(res, 400, { error: 'body must be a JSON object of string values with keys of 1-128 of A-Z a-z 0-9 _ . -' });
    }
    volume.data = { ...volume.data, ...(values as Record<string, string>) };
  }
  return reply(res, 200, { vmid, volid: volume.volid, data: volume.data ?? {} });
}

/**
 * The unauthenticated admin API (same server, outside `/api2`): fault injection, inventory, reset.
 * `reset` puts the simulator back in its start state (no containers, volumes, tasks or faults).
 */
export function createAdminHandler(sim: SimContext, reset: () => Promise<void>) {
  return async (req: IncomingMessage, res: ServerResponse, body: string): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://sim.invalid').pathname.replace(/\/+$/, '');
    const key = `${req.method ?? 'GET'} ${path}`;
    const dataRoute = /^\/_sim\/containers\/(\d+)\/data$/.exec(path);
    if (dataRoute && (req.method === 'GET' || req.method === 'PUT')) return containerData(sim, Number(dataRoute[1]), req.method, body, res);
    const consoleRoute = /^\/_sim\/containers\/(\d+)\/console$/.exec(path);
    if (consoleRoute && req.method === 'GET') {
      // What the app printed at its last start (PVE shows it on the CT's console; the API has no route for it).
      const ct = sim.state.containers.get(Number(consoleRoute[1]));
      return ct ? reply(res, 200, { vmid: ct.vmid, lines: ct.console ?? [] }) : reply(res, 404, { error: `CT ${consoleRoute[1]} does not exist` });
    }
    switch (key) {
      case 'GET /_sim/faults':
        return reply(res, 200, { faults: sim.faults.list() });
      case 'POST /_sim/faults': {
        try {
          const spec = parseFaultSpec(JSON.parse(body || 'null'));
          await applyFaultEffect(sim, spec);
          return reply(res, 201, sim.faults.add(spec));
        } catch (err) {
          return reply(res, 400, { error: err instanceof Error ? err.message : String(err) });
        }
      }
      case 'DELETE /_sim/faults':
        for (const fault of sim.faults.clear()) await undoFaultEffect(sim, fault);
        return reply(res, 200, { faults: [] });
      case 'GET /_sim/inventory':
        return reply(res, 200, inventory(sim));
      case 'POST /_sim/reset':
        await reset();
        return reply(res, 200, { reset: true });
      case 'GET /_sim/images':
        return reply(res, 200, { images: sim.images.list() });
      case 'POST /_sim/images':
        try {
          return reply(res, 201, { images: addImages(sim, JSON.parse(body || 'null')) });
        } catch (err) {
          return reply(res, 400, { error: err instanceof Error ? err.message : String(err) });
        }
      default:
        return reply(res, 404, { error: `no admin route '${key}'`, routes: ['GET|POST|DELETE /_sim/faults', 'GET /_sim/inventory', 'POST /_sim/reset', 'GET|POST /_sim/images', 'GET|PUT /_sim/containers/{vmid}/data', 'GET /_sim/containers/{vmid}/console'] });
    }
  };
}
