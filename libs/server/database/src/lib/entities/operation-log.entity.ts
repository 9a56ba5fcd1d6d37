import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'operation_logs' })
export class OperationLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Index() @Column({ name: 'operation_id', type: 'uuid' }) operationId!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'varchar', length: 8 }) level!: 'info' | 'warn' | 'error';
  @Column({ type: 'text' }) message!: string;
}
