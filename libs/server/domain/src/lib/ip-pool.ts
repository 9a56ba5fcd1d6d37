import { ipv4ToNumber, numberToIpv4, type StaticPoolDto } from '@proxdeck/shared-contracts';

/**
 * The lowest address of the pool (`from`..`to`, both inclusive) that is not in `used`; null when
 * every one is taken. Addresses in `used` outside the pool (from an earlier pool) are ignored.
 */
export function nextFreeAddress(pool: Pick<StaticPoolDto, 'from' | 'to'>, used: Iterable<string>): string | null {
  const from = ipv4ToNumber(pool.from);
  const to = ipv4ToNumber(pool.to);
  if (from === null || to === null) throw new Error(`invalid pool ${pool.from}-${pool.to}`);
  const taken = new Set<number>();
  for (const ip of used) {
    const n = ipv4ToNumber(ip);
    if (n !== null) taken.add(n);
  }
  for (let n = from; n <= to; n++) if (!taken.has(n)) return numberToIpv4(n);
  return null;
}
