import { DEFAULT_APP_POLICY, type SettingsDto } from '@proxdeck/shared-contracts';

/** `GET /settings` as the specs of this folder need it. */
export function someSettings(overrides: Partial<SettingsDto> = {}): SettingsDto {
  return {
    proxmox: { url: 'https://pve.lan:8006', tokenId: 'proxdeck@pve!proxdeck', tokenSecretSet: true, verifyTls: true },
    defaults: { storage: null, templateStorage: 'local', backupStorage: 'backups', bridge: 'vmbr0', network: { mode: 'dhcp' } },
    appsDomain: null,
    defaultPolicy: DEFAULT_APP_POLICY,
    updatedAt: null,
    updatedBy: null,
    ...overrides,
  };
}
