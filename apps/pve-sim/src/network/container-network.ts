import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { ContainerImage } from '../state/sim-state';
import { renderContainerPage } from './container-page';

interface Listener {
  server: HttpServer | TcpServer;
  sockets: Set<Socket>;
}

export interface ContainerEndpoint {
  vmid: number;
  hostname: string;
  ip: string;
  image: ContainerImage;
}

/** What the network asks the rest of the simulator per request (so changes apply to running CTs at once). */
export interface ContainerBehaviour {
  /** A broken release: every HTTP request gets 500 (see the registry's `unhealthyTags`). */
  isUnhealthy(image: ContainerImage): boolean;
}

const HEALTHY: ContainerBehaviour = { isUnhealthy: () => false };

/**
 * Real listeners for running containers: an HTTP server per `http` port of the image (serving its
 * page with status 200) and a greeting TCP server per `tcp` port, all on the container's address.
 */
export class ContainerNetwork {
  private readonly listeners = new Map<number, Listener[]>();

  constructor(private readonly behaviour: ContainerBehaviour = HEALTHY) {}

  /** Opens every port; on failure closes what was opened and rethrows. */
  async open(ep: ContainerEndpoint): Promise<void> {
    await this.close(ep.vmid);
    const opened: Listener[] = [];
    try {
      for (const port of ep.image.ports) {
        const sockets = new Set<Socket>();
        const server =
          port.protocol === 'http'
            ? createHttpServer((req, res) => {
                if (this.behaviour.isUnhealthy(ep.image)) {
                  const text = `500 Internal Server Error: ${ep.image.repository}:${ep.image.tag} is broken (pve-sim unhealthy tag)\n`;
                  res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
                  res.end(req.method === 'HEAD' ? undefined : text);
                  return;
                }
                const html = renderContainerPage(ep.image, ep, `${req.socket.remoteAddress ?? ''}:${req.socket.remotePort ?? ''}`);
                res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
                res.end(req.method === 'HEAD' ? undefined : html);
              })
            : createTcpServer((socket) => {
                socket.on('error', () => socket.destroy());
                socket.write(ep.image.tcpBanner ?? `pve-sim CT ${ep.vmid} port ${port.port}\r\n`);
              });
        server.on('connection', (socket: Socket) => {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
        });
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(port.port, ep.ip, () => {
            server.off('error', reject);
            resolve();
          });
        });
        opened.push({ server, sockets });
      }
    } catch (err) {
      await Promise.all(opened.map((l) => closeListener(l)));
      throw err;
    }
    this.listeners.set(ep.vmid, opened);
  }

  isOpen(vmid: number): boolean {
    return this.listeners.has(vmid);
  }

  async close(vmid: number): Promise<void> {
    const list = this.listeners.get(vmid);
    if (!list) return;
    this.listeners.delete(vmid);
    await Promise.all(list.map((l) => closeListener(l)));
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.listeners.keys()].map((vmid) => this.close(vmid)));
  }
}

function closeListener(l: Listener): Promise<void> {
  return new Promise<void>((resolve) => {
    l.server.close(() => resolve());
    for (const s of l.sockets) s.destroy();
    l.sockets.clear();
  });
}
