import { paramError } from '../params/api-error';
import { parsePropertyString, printPropertyString } from '../params/property-string';
import { randomHwaddr } from '../state/container-config';

/** `print_property_string`: the required `name` first, then the rest sorted (pve-common src/PVE/JSONSchema.pm). */
export const NET_KEY_ORDER = ['name', 'bridge', 'firewall', 'gw', 'host-managed', 'hwaddr', 'ip', 'ip6', 'tag', 'type'];

/** Validates a `netN` value and completes it like PVE writes it: `hwaddr` (BC:24:11:..) and `type=veth` added. */
export function normaliseNet(key: string, value: string): string {
  let map: Map<string, string>;
  try {
    map = parsePropertyString(value);
  } catch (e) {
    throw paramError({ [key]: `invalid format - ${e instanceof Error ? e.message : String(e)}` });
  }
  if (!map.get('name')) throw paramError({ [key]: 'invalid format - format error\nname: property is missing and it is not optional' });
  const ip = map.get('ip');
  if (ip !== undefined && ip !== 'dhcp' && ip !== 'manual' && !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(ip)) {
    throw paramError({ [key]: `invalid format - format error\nip: value does not look like a valid IPv4 network configuration` });
  }
  if (!map.has('hwaddr')) map.set('hwaddr', randomHwaddr());
  map.set('type', 'veth');
  return printPropertyString(map, undefined, NET_KEY_ORDER);
}
