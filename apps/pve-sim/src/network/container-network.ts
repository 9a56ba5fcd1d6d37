import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AppProcess } from '../state/app-process';
import type { ContainerImage } from '../state/sim-state';
import { containerRequestHandler, DEFAULT_BEHAVIOUR, type ContainerBehaviour } from './container-http';

export type { ContainerBehaviour } from './container-http';

interface Listener {
  server: HttpServer | TcpServer;
  sockets: Set<Socket>;
}

export interface ContainerEndpoint {
  vmid: number;
  hostname: string;
  ip: string;
  image: ContainerImage;
  /** The app's process (its env, user, working directory), as `/.sim-env` reports it. */
  process?: AppProcess;
}

/**
 * Real listeners for running containers: an HTTP server per `http` port of the image (serving its
 * page with status 200) and a greeting TCP server per `tcp` port, all on the container's address.
 */
export class ContainerNetwork {
  private readonly listeners = new Map<number, Listener[]>();

  constructor(private readonly behaviour: ContainerBehaviour = DEFAULT_BEHAVIOUR) {}

  /** Opens every port; on failure closes what was opened and rethrows. */
  async open(ep: ContainerEndpoint): Promise<void> {
    await this.close(ep.vmid);
    const opened: Listener[] = [];
    try {
      for (const port of ep.image.ports) {
        const sockets = new Set<Socket>();
        const server =
          port.protocol === 'http'
            ? createHttpServer(containerRequestHandler(this.behaviour, ep))
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
