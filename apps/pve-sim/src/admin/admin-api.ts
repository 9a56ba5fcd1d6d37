import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyFaultEffect, undoFaultEffect } from '../faults/fault-effects';
import { parseFaultSpec } from '../faults/fault-registry';
import type { SimContext } from '../sim-context';
import { containerIp } from '../state/container-runtime';

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
        volumes: [...sim.state.volumes.values()].filter((v) => v.node === ct.node && v.vmid === ct.vmid).map((v) => v.volid),
      })),
    volumes: [...sim.state.volumes.values()].map((v) => ({ volid: v.volid, node: v.node, storage: v.storage, content: v.content, size: v.size })),
    tasks: { running: sim.tasks.runningCount() },
  };
}

/**
 * The unauthenticated admin API (same server, outside `/api2`): fault injection, inventory, reset.
 * `reset` puts the simulator back in its start state (no containers, volumes, tasks or faults).
 */
export function createAdminHandler(sim: SimContext, reset: () => Promise<void>) {
  return async (req: IncomingMessage, res: ServerResponse, body: string): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://sim.invalid').pathname.replace(/\/+$/, '');
    const key = `${req.method ?? 'GET'} ${path}`;
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
      default:
        return reply(res, 404, { error: `no admin route '${key}'`, routes: ['GET|POST|DELETE /_sim/faults', 'GET /_sim/inventory', 'POST /_sim/reset', 'GET /_sim/images'] });
    }
  };
}
