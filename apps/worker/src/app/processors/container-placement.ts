import type { DataSource } from 'typeorm';
import { AppEntity } from '@proxdeck/server-database';
import type { OperationRun } from '../operations/operation-run';
import type { ContainerActions } from './container-actions';
import { OperationFailure } from './operation-failure';

/**
 * Where a new container goes, shared by the operations that create one (deploy, clone): an online
 * node, a storage with room for its disk, and a VMID no other app has reserved.
 */

/** The node if it is online, else the online node with the most free memory when none was asked for. */
export async function chooseNode(containers: ContainerActions, requested: string | null): Promise<string> {
  const nodes = (await containers.pve.clusterResources('node')).filter((n) => n.status === 'online' && n.node);
  const node = requested
    ? nodes.find((n) => n.node === requested)?.node
    : nodes.sort((a, b) => freeMemory(b) - freeMemory(a))[0]?.node;
  if (!node) throw new OperationFailure(requested ? `Node ${requested} is not online.` : 'No Proxmox node is online.');
  return node;
}

/**
 * The configured storage, else the first one on the node that holds container disks with room for
 * `diskGb`; `shared` asks for one every node sees (Proxmox clones to another node only onto those).
 */
export async function chooseStorage(containers: ContainerActions, node: string, diskGb: number, opts: { shared?: boolean } = {}): Promise<string> {
  const configured = containers.config.pve.storage;
  if (configured) return configured;
  const storages = await containers.pve.storages(node, { content: 'rootdir', enabled: true });
  const needed = diskGb * 1024 ** 3;
  const fit = storages.find((s) => s.content.split(',').includes('rootdir') && (s.avail ?? Infinity) >= needed && (!opts.shared || s.shared === 1));
  if (!fit) throw new OperationFailure(`No${opts.shared ? ' shared' : ''} storage on ${node} holds container disks with ${diskGb} GB free.`);
  return fit.storage;
}

/**
 * Proxmox's next free id, skipping ids other apps reserved but have not created yet; written to the
 * app row at once (the unique vmid column settles a race between two operations).
 */
export async function reserveVmid(run: OperationRun, containers: ContainerActions, db: DataSource, node: string): Promise<number> {
  let candidate = await containers.pve.nextVmid();
  for (let tries = 0; tries < 50; tries++, candidate++) {
    const taken = await db.getRepository(AppEntity).existsBy({ vmid: candidate });
    if (taken || !(await containers.pve.vmidAvailable(candidate))) continue;
    try {
      await run.updateApp({ node, vmid: candidate });
      return candidate;
    } catch (err) {
      if ((err as { code?: string }).code !== '23505') throw err; // another operation took it this instant
    }
  }
  throw new OperationFailure('Could not find a free VMID after 50 tries.');
}

/**
 * A free VMID for a second container of an app (an update's new one, a restore's rebuild): Proxmox's
 * next free id, skipping ids apps hold (their container or the one kept for rollback). Not
 * reserved in the app row: the caller remembers it in the operation.
 */
export async function spareVmid(containers: ContainerActions, db: DataSource): Promise<number> {
  const apps = db.getRepository(AppEntity);
  let candidate = await containers.pve.nextVmid();
  for (let tries = 0; tries < 50; tries++, candidate++) {
    const taken = await apps.exists({ where: [{ vmid: candidate }, { previousVmid: candidate }] });
    if (!taken && (await containers.pve.vmidAvailable(candidate))) return candidate;
  }
  throw new OperationFailure('Could not find a free VMID for the new container after 50 tries.');
}

function freeMemory(n: { maxmem?: number; mem?: number }): number {
  return (n.maxmem ?? 0) - (n.mem ?? 0);
}
