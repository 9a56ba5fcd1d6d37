import type { CreateContainerParams } from './container-params';
import type { PveTransport } from './pve-transport';

export interface PveClientOptions {
  /** First task status poll delay (default 100 ms); doubles per poll... */
  taskPollMinMs?: number;
  /** ...up to this (default 2 s). */
  taskPollMaxMs?: number;
  /** Per-request timeout (default 60 s). */
  requestTimeoutMs?: number;
  /** Replaces the proxmox-api transport (tests). */
  transport?: PveTransport;
}

export interface DeleteContainerOptions {
  /** Also remove it from backup jobs, replication and HA. */
  purge?: boolean;
  /** Stop it first if running. */
  force?: boolean;
  destroyUnreferencedDisks?: boolean;
}

export interface CloneContainerOptions {
  hostname?: string;
  description?: string;
  /** Full copy (default for a normal CT; required to pick `storage`). */
  full?: boolean;
  storage?: string;
  /** Target node. */
  target?: string;
  /** Clone from this snapshot (needed for a full clone of a running CT). */
  snapname?: string;
  pool?: string;
}

export interface MoveVolumeOptions {
  /** Target storage (moving between storages). */
  storage?: string;
  /** Reassign to this container (moving between containers). */
  targetVmid?: number;
  /** Key in the target container, e.g. mp0. */
  targetVolume?: string;
  /** Delete the source after a storage move. */
  deleteSource?: boolean;
  digest?: string;
  targetDigest?: string;
}

export interface BackupOptions {
  storage: string;
  /** Default snapshot. */
  mode?: 'snapshot' | 'suspend' | 'stop';
  /** Default zstd (PVE's own default is no compression). */
  compress?: '0' | 'gzip' | 'lzo' | 'zstd';
  /** e.g. `proxdeck app {{guestname}}`. */
  notesTemplate?: string;
  protected?: boolean;
  /** Prune older backups per `pruneBackups` / storage settings (PVE default on). */
  prune?: boolean;
  /** `keep-last=3,keep-daily=7` */
  pruneBackups?: string;
}

export type RestoreContainerParams = Omit<CreateContainerParams, 'ostemplate' | 'restore'> & {
  /** The backup volid, e.g. `local:backup/vzdump-lxc-100-2025_10_16-12_00_00.tar.zst`. */
  archive: string;
};
