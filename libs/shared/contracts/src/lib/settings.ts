import type { AppPolicyDto } from './backups';
import type { NetworkSettingsDto } from './network-pool';

/** `GET /settings` (admins). Secrets are write-only: only whether one is set is shown. */
export interface SettingsDto {
  proxmox: {
    url: string;
    tokenId: string | null;
    tokenSecretSet: boolean;
    verifyTls: boolean;
  };
  defaults: {
    /** Container disks; null: the node's first storage with `rootdir` content and room. */
    storage: string | null;
    templateStorage: string;
    /** Backup archives; null: the node's first storage with `backup` content. */
    backupStorage: string | null;
    bridge: string;
    /** How new containers get their address: DHCP (the default) or the lowest free one of a static pool. */
    network: NetworkSettingsDto;
  };
  /** Also serve apps at `<hostname>.<appsDomain>`; null: only at `/apps/<hostname>/`. */
  appsDomain: string | null;
  /** The policy of apps that have none of their own (AUTO mode). */
  defaultPolicy: AppPolicyDto;
  /** Where each value comes from until an admin saves one here: the environment. */
  updatedAt: string | null;
  updatedBy: string | null;
}

/** `PUT /settings`: any subset; `proxmox.tokenSecret` is only ever written. */
export interface UpdateSettingsRequest {
  proxmox?: { url?: string; tokenId?: string; tokenSecret?: string; verifyTls?: boolean };
  defaults?: { storage?: string | null; templateStorage?: string; backupStorage?: string | null; bridge?: string; network?: NetworkSettingsDto };
  appsDomain?: string | null;
  defaultPolicy?: AppPolicyDto;
}

/** `POST /settings/proxmox/test`: a candidate connection (missing fields: the saved ones). */
export interface TestProxmoxConnectionRequest {
  url?: string;
  tokenId?: string;
  tokenSecret?: string;
  verifyTls?: boolean;
}

export interface ProxmoxConnectionTestDto {
  ok: boolean;
  /** e.g. "Connected to Proxmox VE 9.1.4: 3 nodes (pve1, pve2, pve3)" or what went wrong. */
  message: string;
  version: string | null;
  nodes: string[];
}
