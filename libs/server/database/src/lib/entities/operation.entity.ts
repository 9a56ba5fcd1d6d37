import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { OperationState, OperationStepDto, OperationType } from '@proxdeck/shared-contracts';

@Entity({ name: 'operations' })
export class OperationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 32 }) type!: OperationType;
  @Index() @Column({ type: 'varchar', length: 16 }) state!: OperationState;
  /** Not a foreign key: the history outlives the app. */
  @Index() @Column({ name: 'app_id', type: 'uuid', nullable: true }) appId!: string | null;
  @Column({ name: 'app_hostname', type: 'varchar', length: 63 }) appHostname!: string;
  @Column({ type: 'int', default: 0 }) progress!: number;
  @Column({ type: 'jsonb', default: () => "'[]'" }) steps!: OperationStepDto[];
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ name: 'requested_by', type: 'varchar', length: 64 }) requestedBy!: string;
  @Column({ type: 'jsonb', default: () => "'[]'" }) upids!: string[];
  /** What was asked for (clone hostname, new resources, backup id...), validated by the gateway. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) params!: Record<string, unknown>;
  /** Facts a resumed job needs (reserved vmid, chosen node, image volid...). */
  @Column({ type: 'jsonb', default: () => "'{}'" }) context!: Record<string, unknown>;
  @Index() @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
