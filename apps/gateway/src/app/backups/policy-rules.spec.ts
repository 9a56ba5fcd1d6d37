import { DEFAULT_APP_POLICY, type BackupPolicyDto } from '@proxdeck/shared-contracts';
import { backupPolicyProblems, isTimeZone } from './policy-rules';

const policy = (p: Partial<BackupPolicyDto>): BackupPolicyDto => ({ ...DEFAULT_APP_POLICY.backup, ...p });

describe('backup policy rules', () => {
  it.each<[string, Partial<BackupPolicyDto>]>([
    ['the AUTO default', {}],
    ['weekdays in Berlin', { schedule: '30 2 * * MON-FRI', timezone: 'Europe/Berlin' }],
    ['no schedule and no retention (keep everything made by hand)', { schedule: null, keepLast: 0 }],
    ['monthly retention only', { keepLast: 0, keepMonthly: 12 }],
  ])('accepts %s', (_what, p) => {
    expect(backupPolicyProblems(policy(p))).toEqual({});
  });

  it.each<[string, Partial<BackupPolicyDto>, string, RegExp]>([
    ['six fields (seconds)', { schedule: '0 0 3 * * *' }, 'backup.schedule', /five-field cron expression.*got 6 fields/],
    ['a made-up word', { schedule: 'every night' }, 'backup.schedule', /five-field/],
    ['a minute out of range', { schedule: '61 3 * * *' }, 'backup.schedule', /not a valid cron expression/],
    ['an unknown time zone', { timezone: 'Mars/Olympus' }, 'backup.timezone', /IANA time zone/],
    ['a schedule that keeps nothing', { keepLast: 0 }, 'backup.keepLast', /at least one of keepLast/],
  ])('refuses %s', (_what, p, field, message) => {
    const errors = backupPolicyProblems(policy(p));
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]).toMatch(message);
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone('Not/AZone')).toBe(false);
  });
});
