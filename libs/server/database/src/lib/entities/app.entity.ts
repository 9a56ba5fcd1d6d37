import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AppStatus, CatalogRuntime } from '@proxdeck/shared-contracts';

@Entity({ name: 'apps' })
export class AppEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 128 }) name!: string;
  @Column({ name: 'catalog_id', type: 'varchar', length: 64 }) catalogId!: string;
  @Column({ type: 'varchar', length: 128 }) version!: string;
  @Column({ type: 'varchar', length: 16 }) runtime!: CatalogRuntime;
  /** Unique while the app exists; a failed deploy removes the row so the name is free again. */
  @Column({ type: 'varchar', length: 63, unique: true }) hostname!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) node!: string | null;
  @Column({ type: 'int', nullable: true, unique: true }) vmid!: number | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) ip!: string | null;
  @Column({ type: 'varchar', length: 16 }) status!: AppStatus;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason!: string | null;
  @Column({ type: 'int' }) cores!: number;
  @Column({ name: 'memory_mb', type: 'int' }) memoryMb!: number;
  @Column({ name: 'disk_gb', type: 'int' }) diskGb!: number;
  @Column({ type: 'jsonb', default: () => "'{}'" }) inputs!: Record<string, string>;
  /** Generated secrets, AES-GCM encrypted with PROXDECK_SECRET (see SecretBox). */
  @Column({ name: 'secrets_encrypted', type: 'text', nullable: true }) secretsEncrypted!: string | null;
  /** Primary HTTP port the gateway proxies and health checks. */
  @Column({ name: 'http_port', type: 'int', nullable: true }) httpPort!: number | null;
  @Column({ name: 'has_run', type: 'boolean', default: false }) hasRun!: boolean;
  /** Environment values a person set (configure), layered over the catalog's rendered env. */
  @Column({ name: 'env_overrides', type: 'jsonb', default: () => "'{}'" }) envOverrides!: Record<string, string>;
  /** Settings saved in Proxmox that wait for a restart (names from ConfigureAppRequest). */
  @Column({ name: 'pending_changes', type: 'jsonb', default: () => "'[]'" }) pendingChanges!: string[];
  /** After an update: the old container, kept stopped for one-click rollback until previous_keep_until. */
  @Column({ name: 'previous_vmid', type: 'int', nullable: true }) previousVmid!: number | null;
  @Column({ name: 'previous_version', type: 'varchar', length: 128, nullable: true }) previousVersion!: string | null;
  @Column({ name: 'previous_keep_until', type: 'timestamptz', nullable: true }) previousKeepUntil!: Date | null;
  @Column({ name: 'latest_version', type: 'varchar', length: 128, nullable: true }) latestVersion!: string | null;
  @Column({ name: 'update_checked_at', type: 'timestamptz', nullable: true }) updateCheckedAt!: Date | null;
  @Column({ type: 'boolean', default: false }) adopted!: boolean;
  @Column({ name: 'active_operation_id', type: 'uuid', nullable: true }) activeOperationId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
