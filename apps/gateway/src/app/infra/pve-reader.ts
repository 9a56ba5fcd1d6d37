import type { PveClusterResource, PveNodeSummary, PveRrdPoint, PveVersion } from '@proxdeck/server-proxmox';

/** The part of PveClient the gateway uses: it only reads (the worker changes things). */
export interface PveReader {
  version(): Promise<PveVersion>;
  nodes(): Promise<PveNodeSummary[]>;
  clusterResources(type?: 'vm' | 'node' | 'storage'): Promise<PveClusterResource[]>;
  containerRrdData(node: string, vmid: number, timeframe: 'hour' | 'day' | 'week'): Promise<PveRrdPoint[]>;
  nodeRrdData(node: string, timeframe: 'hour' | 'day' | 'week'): Promise<PveRrdPoint[]>;
  close(): void;
}

export const PVE_READER = Symbol('PVE_READER');
