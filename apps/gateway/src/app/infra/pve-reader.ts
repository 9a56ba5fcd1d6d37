import type { PveClusterResource, PveNodeSummary, PveVersion } from '@proxdeck/server-proxmox';

/** The part of PveClient the gateway uses: it only reads (the worker changes things). */
export interface PveReader {
  version(): Promise<PveVersion>;
  nodes(): Promise<PveNodeSummary[]>;
  clusterResources(type?: 'vm' | 'node' | 'storage'): Promise<PveClusterResource[]>;
  close(): void;
}

export const PVE_READER = Symbol('PVE_READER');
