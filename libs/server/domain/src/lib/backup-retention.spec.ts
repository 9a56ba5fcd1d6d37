import type { BackupKind } from '@proxdeck/shared-contracts';
import { hasRetention, isoWeek, planPrune, type PruneCandidate, type RetentionRules } from './backup-retention';

const rules = (r: Partial<RetentionRules>): RetentionRules => ({ keepLast: 0, keepDaily: 0, keepWeekly: 0, keepMonthly: 0, ...r });

/** Backups named by their UTC time, e.g. `11-20 10:00` (2026). */
function backups(...times: string[]): PruneCandidate[] {
  return times.map((t) => ({ id: t, createdAt: new Date(`2026-${t.replace(' ', 'T')}:00Z`), kind: 'scheduled' as BackupKind, protected: false }));
}

function kept(list: PruneCandidate[], r: Partial<RetentionRules>, timezone = 'UTC', rollbackPending = false): string[] {
  return planPrune(list, rules(r), { timezone, rollbackPending }).keep.map((b) => b.id);
}

describe('planPrune (vzdump / PBS prune semantics)', () => {
  const week = backups('11-20 10:00', '11-20 03:00', '11-19 03:00', '11-18 03:00', '11-17 03:00', '11-10 03:00', '10-31 03:00', '10-01 03:00', '09-15 03:00');

  it.each<[string, Partial<RetentionRules>, string[]]>([
    ['keep-last takes the N newest', { keepLast: 3 }, ['11-20 10:00', '11-20 03:00', '11-19 03:00']],
    ['keep-daily keeps the newest backup of each of N days', { keepDaily: 2 }, ['11-20 10:00', '11-19 03:00']],
    ['keep-daily skips days a keep-last backup already covers', { keepLast: 1, keepDaily: 2 }, ['11-20 10:00', '11-19 03:00', '11-18 03:00']],
    // ISO weeks: 11-16..11-22 is one week, 11-10 another, 10-31 another.
    ['keep-weekly keeps the newest backup of each of N ISO weeks', { keepWeekly: 3 }, ['11-20 10:00', '11-10 03:00', '10-31 03:00']],
    ['keep-monthly keeps the newest backup of each of N months', { keepMonthly: 3 }, ['11-20 10:00', '10-31 03:00', '09-15 03:00']],
    ['a backup kept by any rule stays', { keepLast: 2, keepWeekly: 2, keepMonthly: 3 }, ['11-20 10:00', '11-20 03:00', '11-10 03:00', '10-31 03:00', '09-15 03:00']],
    ['without any rule everything is kept', {}, week.map((b) => b.id)],
  ])('%s', (_name, r, expected) => {
    expect(kept(week, r)).toEqual(expected);
    const plan = planPrune(week, rules(r), { timezone: 'UTC', rollbackPending: false });
    expect(plan.remove.map((b) => b.id).sort()).toEqual(week.map((b) => b.id).filter((id) => !expected.includes(id)).sort());
  });

  it('counts days in the policy time zone', () => {
    const aroundMidnight = backups('11-21 00:30', '11-20 23:30');
    expect(kept(aroundMidnight, { keepDaily: 2 }, 'UTC')).toEqual(['11-21 00:30', '11-20 23:30']);
    // In Berlin (UTC+1) both are on the 21st: one day, so the older one goes.
    expect(kept(aroundMidnight, { keepDaily: 2 }, 'Europe/Berlin')).toEqual(['11-21 00:30']);
  });

  it('never prunes a protected backup, and it does not count towards keep-last', () => {
    const list = backups('11-20 03:00', '11-19 03:00', '11-18 03:00');
    list[2].protected = true;
    const plan = planPrune(list, rules({ keepLast: 1 }), { timezone: 'UTC', rollbackPending: false });
    expect(plan.keep.map((b) => b.id)).toEqual(['11-20 03:00', '11-18 03:00']);
    expect(plan.remove.map((b) => b.id)).toEqual(['11-19 03:00']);
    expect(plan.marks.get('11-18 03:00')).toBe('protected');
  });

  it('keeps pre-update backups while an update can still roll back, and prunes them like others afterwards', () => {
    const list = backups('11-20 03:00', '11-19 03:00', '11-18 03:00');
    list[1].kind = 'pre-update';
    expect(kept(list, { keepLast: 1 }, 'UTC', true)).toEqual(['11-20 03:00', '11-19 03:00']);
    expect(planPrune(list, rules({ keepLast: 1 }), { timezone: 'UTC', rollbackPending: true }).marks.get('11-19 03:00')).toBe('rollback');
    expect(kept(list, { keepLast: 1 }, 'UTC', false)).toEqual(['11-20 03:00']);
  });

  it('does not depend on the order it is given', () => {
    const list = backups('11-18 03:00', '11-20 03:00', '11-19 03:00');
    expect(kept(list, { keepLast: 2 })).toEqual(['11-20 03:00', '11-19 03:00']);
  });
});

describe('hasRetention', () => {
  it('is false when every keep is 0 (keep everything)', () => {
    expect(hasRetention(rules({}))).toBe(false);
    expect(hasRetention(rules({ keepMonthly: 1 }))).toBe(true);
  });
});

describe('isoWeek', () => {
  it.each([
    [2026, 1, 1, '2026/W01'], // a Thursday
    [2027, 1, 1, '2026/W53'], // a Friday belongs to the last week of 2026
    [2024, 12, 30, '2025/W01'], // a Monday belongs to the first week of 2025
    [2026, 11, 22, '2026/W47'], // Sunday ends the week
    [2026, 11, 23, '2026/W48'],
  ])('%i-%i-%i is in %s', (y, m, d, expected) => {
    expect(isoWeek(y, m, d)).toBe(expected);
  });
});
