import { staticPoolProblems, type NetworkSettingsDto } from '@proxdeck/shared-contracts';

/** The network mode as the form holds it (text fields; the prefix too). */
export interface NetworkValues {
  mode: 'dhcp' | 'static';
  from: string;
  to: string;
  prefix: string;
  gateway: string;
}

export function networkValues(network: NetworkSettingsDto): NetworkValues {
  if (network.mode === 'dhcp') return { mode: 'dhcp', from: '', to: '', prefix: '24', gateway: '' };
  return { mode: 'static', from: network.from, to: network.to, prefix: String(network.prefix), gateway: network.gateway };
}

export function toNetworkSettings(values: NetworkValues): NetworkSettingsDto {
  if (values.mode === 'dhcp') return { mode: 'dhcp' };
  const prefix = values.prefix.trim();
  return { mode: 'static', from: values.from.trim(), to: values.to.trim(), prefix: /^\d+$/.test(prefix) ? Number(prefix) : NaN, gateway: values.gateway.trim() };
}

/** The gateway's rules for a static pool (shared with it), keyed `network.<field>` like its answer. */
export function validateNetwork(values: NetworkValues): Record<string, string> {
  const network = toNetworkSettings(values);
  if (network.mode === 'dhcp') return {};
  return Object.fromEntries(Object.entries(staticPoolProblems(network)).map(([field, message]) => [`network.${field}`, message]));
}

/** Whether the form's mode differs from the saved one (only then is it sent: saving a storage never re-checks the pool). */
export function networkChanged(values: NetworkValues, saved: NetworkSettingsDto): boolean {
  return JSON.stringify(toNetworkSettings(values)) !== JSON.stringify(saved.mode === 'dhcp' ? { mode: 'dhcp' } : toNetworkSettings(networkValues(saved)));
}
