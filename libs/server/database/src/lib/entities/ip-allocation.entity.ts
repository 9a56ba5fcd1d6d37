import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An address of the static pool held by an app (Settings > network mode "static"). The primary key
 * settles a race between two operations; the row goes with its app (ON DELETE CASCADE).
 */
@Entity({ name: 'ip_allocations' })
export class IpAllocationEntity {
  @PrimaryColumn({ type: 'varchar', length: 15 }) ip!: string;
  @Index('ip_allocations_app_id_idx')
  @Column({ name: 'app_id', type: 'uuid' }) appId!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
