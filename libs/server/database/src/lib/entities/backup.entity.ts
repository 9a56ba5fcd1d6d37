import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { BackupKind } from '@proxdeck/shared-contracts';

/** A vzdump archive Proxdeck made or found; not a foreign key to apps because backups outlive apps. */
@Entity({ name: 'backups' })
export class BackupEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column({ name: 'app_id', type: 'uuid', nullable: true }) appId!: string | null;
  @Column({ name: 'app_hostname', type: 'varchar', length: 63 }) appHostname!: string;
  @Column({ name: 'catalog_id', type: 'varchar', length: 64 }) catalogId!: string;
  @Column({ name: 'app_version', type: 'varchar', length: 128 }) appVersion!: string;
  @Column({ type: 'varchar', length: 64 }) node!: string;
  @Column({ type: 'varchar', length: 64 }) storage!: string;
  @Column({ type: 'varchar', length: 255, unique: true }) volid!: string;
  /** bigint comes back from pg as a string; the transformer keeps it a number (archives < 2^53 bytes). */
  @Column({ name: 'size_bytes', type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: (v: string | null) => Number(v ?? 0) } })
  sizeBytes!: number;
  @Column({ type: 'varchar', length: 16 }) kind!: BackupKind;
  @Column({ type: 'boolean', default: false }) protected!: boolean;
  @Column({ type: 'text', default: '' }) notes!: string;
  /** The operation that made it (a pre-update backup is kept while its update may still roll back). */
  @Column({ name: 'operation_id', type: 'uuid', nullable: true }) operationId!: string | null;
  /** App settings at backup time (resources, inputs, env, port), so a restore into a new app needs nothing else. */
  @Column({ name: 'app_settings', type: 'jsonb', default: () => "'{}'" }) appSettings!: Record<string, unknown>;
  @Index() @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
