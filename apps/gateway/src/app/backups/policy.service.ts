import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import { AppEntity, AppPolicyEntity, toAppPolicyDto } from '@proxdeck/server-database';
import { ScheduleQueue } from '@proxdeck/server-queue';
import type { AppPolicyDto } from '@proxdeck/shared-contracts';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { withTimeout } from '../infra/redis-resources';
import { DomainError } from '../problem/domain-error';
import type { AppPolicyBodyDto } from './dto/app-policy.dto';
import { backupPolicyProblems, mergePolicy } from './policy-rules';

const SCHEDULE_SYNC_TIMEOUT_MS = 5000;

/** An app's backup schedule, retention and update policy; the defaults (Settings, else AUTO's) until one is saved. */
@Injectable()
export class PolicyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly schedules: ScheduleQueue,
    private readonly audit: AuditService,
    @Inject(PROXDECK_CONFIG) private readonly config: ProxdeckConfig,
  ) {}

  async get(appId: string): Promise<AppPolicyDto> {
    await this.requireApp(appId);
    return toAppPolicyDto(await this.db.getRepository(AppPolicyEntity).findOneBy({ appId }), this.config.defaultPolicy);
  }

  /**
   * Fields left out keep their value. The app's backup scheduler is replaced before the row
   * commits, so when Redis does not take it nothing changes (503).
   */
  async put(appId: string, body: AppPolicyBodyDto, principal: Principal): Promise<AppPolicyDto> {
    return this.db.transaction(async (m) => {
      const app = await m.getRepository(AppEntity).findOne({ where: { id: appId }, lock: { mode: 'pessimistic_write' } });
      if (!app) throw DomainError.notFound('APP_NOT_FOUND', 'No app has this id.');
      const repo = m.getRepository(AppPolicyEntity);
      const current = toAppPolicyDto(await repo.findOneBy({ appId }), this.config.defaultPolicy);
      const next = mergePolicy(current, body);
      const errors = backupPolicyProblems(next.backup);
      if (Object.keys(errors).length > 0) throw DomainError.validation(errors);
      await repo.save(repo.create({
        appId,
        backupSchedule: next.backup.schedule,
        timezone: next.backup.timezone,
        keepLast: next.backup.keepLast,
        keepDaily: next.backup.keepDaily,
        keepWeekly: next.backup.keepWeekly,
        keepMonthly: next.backup.keepMonthly,
        updateCheck: next.updates.check,
        updateAutoApply: next.updates.autoApply,
      }));
      await this.audit.record({ actor: principal.username, action: 'app.policy', target: appId, details: { hostname: app.hostname, ...next } }, m);
      try {
        await withTimeout(this.schedules.syncBackupSchedule(appId, next.backup.schedule, next.backup.timezone), SCHEDULE_SYNC_TIMEOUT_MS, 'the schedules queue did not answer');
      } catch {
        throw new DomainError('QUEUE_UNAVAILABLE', 503, 'The job queue is unavailable, so the backup schedule could not be changed; nothing was saved. Try again shortly.');
      }
      return next;
    });
  }

  private async requireApp(appId: string): Promise<void> {
    if (!(await this.db.getRepository(AppEntity).existsBy({ id: appId }))) throw DomainError.notFound('APP_NOT_FOUND', 'No app has this id.');
  }
}
