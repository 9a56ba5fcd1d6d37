import { CronExpressionParser } from 'cron-parser';
import type { AppPolicyDto, BackupPolicyDto, UpdatePolicyDto } from '@proxdeck/shared-contracts';

const KEEPS = ['keepLast', 'keepDaily', 'keepWeekly', 'keepMonthly'] as const;

/** True for an IANA time zone name this runtime knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone !== '';
  } catch {
    return false;
  }
}

/**
 * What is wrong with a backup policy, by field path (`backup.schedule`, ...): the schedule is a
 * five-field cron expression (minute hour day-of-month month day-of-week) read in an IANA time
 * zone, and a schedule needs at least one keep rule, or its backups would pile up for ever.
 */
export function backupPolicyProblems(policy: BackupPolicyDto): Record<string, string> {
  const errors: Record<string, string> = {};
  const zoneOk = isTimeZone(policy.timezone);
  if (!zoneOk) errors['backup.timezone'] = 'must be an IANA time zone such as "UTC" or "Europe/Berlin"';
  if (policy.schedule !== null) {
    const problem = cronProblem(policy.schedule, zoneOk ? policy.timezone : 'UTC');
    if (problem) errors['backup.schedule'] = problem;
    if (KEEPS.every((k) => policy[k] === 0)) {
      errors['backup.keepLast'] = 'at least one of keepLast, keepDaily, keepWeekly, keepMonthly must be above 0 while a schedule is set';
    }
  }
  return errors;
}

function cronProblem(schedule: string, timezone: string): string | null {
  const fields = schedule.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5) {
    return `must be a five-field cron expression (minute hour day-of-month month day-of-week) such as "0 3 * * *"; got ${fields.length} field${fields.length === 1 ? '' : 's'}`;
  }
  try {
    CronExpressionParser.parse(fields.join(' '), { tz: timezone });
    return null;
  } catch (e) {
    return `is not a valid cron expression (${e instanceof Error ? e.message : String(e)})`;
  }
}

/** `current` with the parts a request names on top (undefined leaves a value as it is); the schedule's spacing normalised. */
export function mergePolicy(current: AppPolicyDto, body: { backup?: Partial<BackupPolicyDto>; updates?: Partial<UpdatePolicyDto> }): AppPolicyDto {
  const next: AppPolicyDto = {
    backup: { ...current.backup, ...definedOnly(body.backup ?? {}) },
    updates: { ...current.updates, ...definedOnly(body.updates ?? {}) },
  };
  if (typeof next.backup.schedule === 'string') next.backup.schedule = next.backup.schedule.trim().split(/\s+/).join(' ');
  return next;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
