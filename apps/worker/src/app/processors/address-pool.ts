import type { DataSource } from 'typeorm';
import { IpAllocationEntity } from '@proxdeck/server-database';
import { nextFreeAddress } from '@proxdeck/server-domain';
import { buildNet0 } from '@proxdeck/server-proxmox';
import { poolRange, type NetworkSettingsDto } from '@proxdeck/shared-contracts';
import type { OperationRun } from '../operations/operation-run';
import { OperationFailure } from './operation-failure';

/** What net0 says about the address: `ip=dhcp`, or `ip=<address>/<prefix>` with the pool's gateway. */
export interface ContainerAddress {
  ip: string;
  gw?: string;
}

const DHCP: ContainerAddress = { ip: 'dhcp' };
const REMEMBERED = 'address';
const MAX_TRIES = 20;

/**
 * The address a new container of the app gets (Settings > network mode), remembered for the steps
 * after `reserve`. Static pool: the app's address if it holds one, else the lowest free one, taken
 * by inserting it (the primary key settles a race between two operations: the loser takes the next).
 * The address is the app's until its row is deleted (ON DELETE CASCADE), so a failed deploy or clone,
 * which removes the row, frees it.
 */
export async function reserveAddress(run: OperationRun, db: DataSource, network: NetworkSettingsDto): Promise<ContainerAddress> {
  if (network.mode !== 'static') {
    await run.remember(REMEMBERED, DHCP);
    return DHCP;
  }
  const address = await allocate(run.app.id, db, network);
  await run.remember(REMEMBERED, address);
  await run.log(`Reserved address ${address.ip} (gateway ${address.gw}) from the static pool ${poolRange(network)}`);
  return address;
}

/** The address `reserve` chose; DHCP for operations reserved before the setting existed. */
export function reservedAddress(run: OperationRun): ContainerAddress {
  return run.recall<ContainerAddress>(REMEMBERED) ?? DHCP;
}

/** `net0` with the reserved address: the other settings (bridge, MAC, VLAN) kept, or built on `bridge`. */
export function net0WithAddress(address: ContainerAddress, bridge: string, current?: string): string {
  if (!current) return buildNet0({ bridge, ...address });
  const kept = current.split(',').filter((part) => !/^(ip|gw)=/.test(part));
  return [...kept, `ip=${address.ip}`, ...(address.gw ? [`gw=${address.gw}`] : [])].join(',');
}

async function allocate(appId: string, db: DataSource, pool: Extract<NetworkSettingsDto, { mode: 'static' }>): Promise<ContainerAddress> {
  const repo = db.getRepository(IpAllocationEntity);
  const asNet0 = (ip: string): ContainerAddress => ({ ip: `${ip}/${pool.prefix}`, gw: pool.gateway });
  const held = await repo.findOneBy({ appId });
  if (held) return asNet0(held.ip);
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const used = (await repo.find({ select: { ip: true } })).map((a) => a.ip);
    const ip = nextFreeAddress(pool, used);
    if (!ip) {
      throw new OperationFailure(`The static address pool ${poolRange(pool)} is used up; delete an app you no longer need or widen the pool under Settings, then try again.`);
    }
    try {
      await repo.insert({ ip, appId });
      return asNet0(ip);
    } catch (err) {
      if ((err as { code?: string }).code !== '23505') throw err; // another operation took it this instant
    }
  }
  throw new OperationFailure(`Could not reserve an address of the static pool ${poolRange(pool)} after ${MAX_TRIES} tries; try again.`);
}
