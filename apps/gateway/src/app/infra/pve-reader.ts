import type { PveConnectionSettings, PveClusterResource, PveContainerConfig, PveNodeSummary, PveRrdPoint, PveVersion } from '@proxdeck/server-proxmox';

/** The part of PveClient the gateway uses: it only reads (the worker changes things). */
export interface PveReader {
  version(): Promise<PveVersion>;
  nodes(): Promise<PveNodeSummary[]>;
  clusterResources(type?: 'vm' | 'node' | 'storage'): Promise<PveClusterResource[]>;
  containerRrdData(node: string, vmid: number, timeframe: 'hour' | 'day' | 'week'): Promise<PveRrdPoint[]>;
  nodeRrdData(node: string, timeframe: 'hour' | 'day' | 'week'): Promise<PveRrdPoint[]>;
  /** Adoption reads a container's description (the marker) and hostname. */
  containerConfig(node: string, vmid: number): Promise<PveContainerConfig>;
  /** Settings changed the connection: later calls go to the new one. */
  reconnect(settings: PveConnectionSettings, options?: { requestTimeoutMs?: number }): void;
  /** Update checks: every tag of an image repository (`docker.io/library/nginx`), PVE 9.1+. */
  ociRepoTags(node: string, reference: string): Promise<string[]>;
  close(): void;
}

export const PVE_READER = Symbol('PVE_READER');
