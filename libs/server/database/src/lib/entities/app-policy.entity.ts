import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One app's backup schedule, retention and update policy (absent: the AUTO defaults apply). */
@Entity({ name: 'app_policies' })
export class AppPolicyEntity {
  @PrimaryColumn({ name: 'app_id', type: 'uuid' }) appId!: string;
  @Column({ name: 'backup_schedule', type: 'varchar', length: 128, nullable: true }) backupSchedule!: string | null;
  @Column({ type: 'varchar', length: 64, default: 'UTC' }) timezone!: string;
  @Column({ name: 'keep_last', type: 'int', default: 0 }) keepLast!: number;
  @Column({ name: 'keep_daily', type: 'int', default: 0 }) keepDaily!: number;
  @Column({ name: 'keep_weekly', type: 'int', default: 0 }) keepWeekly!: number;
  @Column({ name: 'keep_monthly', type: 'int', default: 0 }) keepMonthly!: number;
  @Column({ name: 'update_check', type: 'boolean', default: true }) updateCheck!: boolean;
  @Column({ name: 'update_auto_apply', type: 'boolean', default: false }) updateAutoApply!: boolean;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
