import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppProcess } from '../state/app-process';
import { DATA_KEY_RE } from '../state/container-data';
import type { ContainerImage } from '../state/sim-state';
import { renderContainerPage } from './container-page';

/** What a container's HTTP server asks the rest of the simulator per request (so changes apply at once). */
export interface ContainerBehaviour {
  /** A broken release: every HTTP request gets 500 (see the registry's `unhealthyTags`). */
  isUnhealthy(image: ContainerImage): boolean;
  /** The app data store of the CT's data volume; undefined when it has no such volume. */
  dataStore(vmid: number): Record<string, string> | undefined;
  /** Called after the store changed (state file persistence). */
  onDataChange(): void;
}

export const DEFAULT_BEHAVIOUR: ContainerBehaviour = { isUnhealthy: () => false, dataStore: () => undefined, onDataChange: () => undefined };

const DATA_PREFIX = '/.sim-data/';
const ENV_PATH = '/.sim-env';
const MAX_VALUE_BYTES = 64 * 1024;

function send(res: ServerResponse, status: number, text: string, head: boolean, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(head ? undefined : text);
}

/**
 * The request handler of one http port: 500 for an unhealthy image, `/.sim-env` (the process's env,
 * uid, gid and cwd as JSON), `/.sim-data/<key>` (GET value or 404, PUT body as value, DELETE) for
 * app data, else the image's page.
 */
export function containerRequestHandler(
  behaviour: ContainerBehaviour,
  ep: { vmid: number; hostname: string; ip: string; image: ContainerImage; process?: AppProcess },
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const head = req.method === 'HEAD';
    if (behaviour.isUnhealthy(ep.image)) {
      return send(res, 500, `500 Internal Server Error: ${ep.image.repository}:${ep.image.tag} is broken (pve-sim unhealthy tag)\n`, head);
    }
    const path = (req.url ?? '/').split('?')[0];
    // What the app really got: a test can see that a generated password reached it.
    if (path === ENV_PATH) return send(res, 200, JSON.stringify(ep.process ?? null), head, 'application/json');
    if (path.startsWith(DATA_PREFIX)) return handleData(behaviour, ep.vmid, decodeURIComponent(path.slice(DATA_PREFIX.length)), req, res);
    const html = renderContainerPage(ep.image, ep, `${req.socket.remoteAddress ?? ''}:${req.socket.remotePort ?? ''}`);
    send(res, 200, html, head, 'text/html; charset=utf-8');
  };
}

function handleData(behaviour: ContainerBehaviour, vmid: number, key: string, req: IncomingMessage, res: ServerResponse): void {
  const head = req.method === 'HEAD';
  if (!DATA_KEY_RE.test(key)) return send(res, 400, `invalid data key '${key}': use 1-128 of A-Z a-z 0-9 _ . -\n`, head);
  const store = behaviour.dataStore(vmid);
  if (!store) return send(res, 503, `CT ${vmid} has no data volume\n`, head);
  if (req.method === 'GET' || head) {
    const value = store[key];
    return value === undefined ? send(res, 404, `no data under '${key}'\n`, head) : send(res, 200, value, head);
  }
  if (req.method === 'DELETE') {
    delete store[key];
    behaviour.onDataChange();
    return send(res, 204, '', true);
  }
  if (req.method !== 'PUT') return send(res, 405, `method ${req.method ?? ''} not allowed on ${DATA_PREFIX}<key> (GET, PUT, DELETE)\n`, false);
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_VALUE_BYTES) chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > MAX_VALUE_BYTES) return send(res, 413, `value larger than ${MAX_VALUE_BYTES} bytes\n`, false);
    // Looked up again: the CT may have changed while the body arrived.
    const current = behaviour.dataStore(vmid);
    if (!current) return send(res, 503, `CT ${vmid} has no data volume\n`, false);
    current[key] = Buffer.concat(chunks).toString('utf8');
    behaviour.onDataChange();
    send(res, 200, `stored '${key}'\n`, false);
  });
}
