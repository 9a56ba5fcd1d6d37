/** `GET /adoption/candidates`: a container Proxdeck does not manage. */
export interface AdoptionCandidateDto {
  node: string;
  vmid: number;
  name: string;
  status: 'running' | 'stopped' | 'unknown';
  tags: string[];
  cores: number;
  memoryMb: number;
  diskGb: number;
}

/** `POST /adoption`: a catalog entry, or custom with the port its web UI listens on. */
export interface AdoptRequest {
  node: string;
  vmid: number;
  catalogId?: string;
  port?: number;
  /** Defaults to the container's hostname. */
  hostname?: string;
}

/** The catalog id of an app adopted without a catalog entry (a port instead). */
export const CUSTOM_CATALOG_ID = 'custom';

/** `GET /adoption/orphans`: a container carrying Proxdeck's marker for an app that no longer exists. */
export interface OrphanContainerDto {
  node: string;
  vmid: number;
  name: string;
  status: 'running' | 'stopped' | 'unknown';
  /** The app id in the container's marker. */
  appId: string;
}
