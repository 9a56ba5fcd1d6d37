import type { PveConnectionSettings } from '../lib/pve-connection-settings';
import { startPveSim, type RunningSim } from '@proxdeck/server-testing';

/**
 * Where the contract suite runs: the simulator by default, a real PVE when PVE_URL,
 * PVE_TOKEN_ID, PVE_TOKEN_SECRET and PVE_NODE are set.
 */
export interface ContractTarget {
  kind: 'sim' | 'real';
  settings: PveConnectionSettings;
  node: string;
  /** VMIDs the suite may use (real PVE: 9000-9999 only). */
  vmidRange: { from: number; to: number };
  image: string;
  bridge: string;
  /** Optional overrides (real PVE); discovered from /nodes/{node}/storage otherwise. */
  rootdirStorage?: string;
  templateStorage?: string;
  /** Static net0 ip (CIDR) instead of DHCP, with its gateway. */
  ip?: string;
  gw?: string;
  sim?: RunningSim;
  stop(): Promise<void>;
}

export const REAL_PVE_ENV = ['PVE_URL', 'PVE_TOKEN_ID', 'PVE_TOKEN_SECRET', 'PVE_NODE'] as const;

export function realPveRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return REAL_PVE_ENV.every((name) => Boolean(env[name]));
}

export async function resolveContractTarget(env: NodeJS.ProcessEnv = process.env): Promise<ContractTarget> {
  const image = env['PVE_IMAGE'] || 'docker.io/library/nginx:1.27.3';
  const vmidRange = { from: 9000, to: 9999 };
  if (realPveRequested(env)) {
    return {
      kind: 'real',
      settings: {
        url: env['PVE_URL'] as string,
        tokenId: env['PVE_TOKEN_ID'],
        tokenSecret: env['PVE_TOKEN_SECRET'],
        // Homelab PVE usually has a self-signed certificate: verification is opt-in here.
        verifyTls: env['PVE_VERIFY_TLS'] === '1',
      },
      node: env['PVE_NODE'] as string,
      vmidRange,
      image,
      bridge: env['PVE_BRIDGE'] || 'vmbr0',
      rootdirStorage: env['PVE_STORAGE'] || undefined,
      templateStorage: env['PVE_TEMPLATE_STORAGE'] || undefined,
      ip: env['PVE_IP'] || undefined,
      gw: env['PVE_GW'] || undefined,
      stop: () => Promise.resolve(),
    };
  }
  const partial = Object.fromEntries(REAL_PVE_ENV.map((n) => [n, Boolean(env[n])]));
  if (Object.values(partial).some(Boolean)) {
    throw new Error(`set all of ${REAL_PVE_ENV.join(', ')} to run against a real PVE (got ${JSON.stringify(partial)})`);
  }
  const sim = await startPveSim({ nodes: 2 });
  return {
    kind: 'sim',
    settings: { url: sim.url, tokenId: sim.tokenId, tokenSecret: sim.tokenSecret, verifyTls: false },
    node: sim.nodes[0],
    vmidRange,
    image,
    bridge: 'vmbr0',
    sim,
    stop: () => sim.stop(),
  };
}
