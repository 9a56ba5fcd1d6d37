import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AppPolicyDto, NetworkSettingsDto } from '@proxdeck/shared-contracts';

/**
 * The one row of settings an admin saved in the console (id 1). Absent values fall back to the
 * environment (server/config); the Proxmox token secret is sealed with SecretBox.
 */
@Entity({ name: 'settings' })
export class SettingsEntity {
  @PrimaryColumn({ type: 'int', default: 1 }) id!: number;
  @Column({ type: 'jsonb', default: () => "'{}'" }) values!: StoredSettings;
  @Column({ name: 'secrets_encrypted', type: 'text', nullable: true }) secretsEncrypted!: string | null;
  @Column({ name: 'updated_by', type: 'varchar', length: 64, nullable: true }) updatedBy!: string | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** What an admin overrode; every key optional (the environment supplies the rest). */
export interface StoredSettings {
  proxmox?: { url?: string; tokenId?: string; verifyTls?: boolean };
  defaults?: { storage?: string | null; templateStorage?: string; backupStorage?: string | null; bridge?: string; network?: NetworkSettingsDto };
  appsDomain?: string | null;
  defaultPolicy?: AppPolicyDto;
}
