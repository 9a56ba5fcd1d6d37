import type { BackupKind } from '@proxdeck/shared-contracts';

/** How many backups each rule keeps (the policy's keep* fields); 0 turns a rule off. */
export interface RetentionRules {
  keepLast: number;
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
}

/** What pruning needs to know about one backup. */
export interface PruneCandidate {
  id: string;
  createdAt: Date;
  kind: BackupKind;
  protected: boolean;
}

export interface PruneContext {
  /** IANA time zone in which days, weeks and months are counted (the policy's zone). */
  timezone: string;
  /** The app still keeps its old container after an update: its pre-update backups may be needed to roll back. */
  rollbackPending: boolean;
}

/**
 * Why a backup stays or goes: `keep` (a rule chose it), `remove`, `protected` (never pruned),
 * `rollback` (a pre-update backup while an update can still roll back).
 */
export type PruneMark = 'keep' | 'remove' | 'protected' | 'rollback';

export interface PrunePlan<T> {
  keep: T[];
  remove: T[];
  marks: Map<string, PruneMark>;
}

/** True when at least one rule keeps something; otherwise pruning keeps everything (vzdump's keep-all). */
export function hasRetention(rules: RetentionRules): boolean {
  return rules.keepLast > 0 || rules.keepDaily > 0 || rules.keepWeekly > 0 || rules.keepMonthly > 0;
}

/**
 * Which backups of one app to delete, with the semantics of vzdump / Proxmox Backup Server prune
 * (`PVE::Storage::prune_mark_backup_group`): newest first, keep-last takes the N newest, then
 * keep-daily / weekly / monthly each keep the newest backup of N distinct periods not already
 * covered by a kept backup; a backup kept by any rule stays, the rest go. Protected backups, and
 * pre-update backups while an update can still roll back, are set aside first: they are never
 * removed and do not count towards any rule.
 */
export function planPrune<T extends PruneCandidate>(backups: readonly T[], rules: RetentionRules, context: PruneContext): PrunePlan<T> {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id));
  const marks = new Map<string, PruneMark>();
  for (const b of newestFirst) {
    if (b.protected) marks.set(b.id, 'protected');
    else if (context.rollbackPending && b.kind === 'pre-update') marks.set(b.id, 'rollback');
  }
  if (!hasRetention(rules)) {
    for (const b of newestFirst) if (!marks.has(b.id)) marks.set(b.id, 'keep');
  } else {
    const periods = periodKeys(context.timezone);
    let counter = 0;
    markPeriods(newestFirst, marks, rules.keepLast, () => String(counter++));
    markPeriods(newestFirst, marks, rules.keepDaily, periods.day);
    markPeriods(newestFirst, marks, rules.keepWeekly, periods.week);
    markPeriods(newestFirst, marks, rules.keepMonthly, periods.month);
    for (const b of newestFirst) if (!marks.has(b.id)) marks.set(b.id, 'remove');
  }
  return {
    keep: newestFirst.filter((b) => marks.get(b.id) !== 'remove'),
    remove: newestFirst.filter((b) => marks.get(b.id) === 'remove'),
    marks,
  };
}

/** One rule: periods already holding a kept backup are covered; then the newest backup of each new period, up to `count`. */
function markPeriods(newestFirst: readonly PruneCandidate[], marks: Map<string, PruneMark>, count: number, periodOf: (d: Date) => string): void {
  if (count <= 0) return;
  const covered = new Set<string>();
  for (const b of newestFirst) if (marks.get(b.id) === 'keep') covered.add(periodOf(b.createdAt));
  const chosen = new Set<string>();
  for (const b of newestFirst) {
    if (marks.has(b.id)) continue;
    const period = periodOf(b.createdAt);
    if (covered.has(period)) continue;
    if (!chosen.has(period)) {
      if (chosen.size >= count) break;
      chosen.add(period);
      marks.set(b.id, 'keep');
    } else {
      // An older backup of a period this rule already kept one of: it goes (as in vzdump).
      marks.set(b.id, 'remove');
    }
  }
}

interface PeriodKeys {
  day(d: Date): string;
  week(d: Date): string;
  month(d: Date): string;
}

/** Calendar periods of an instant as seen in `timezone`; weeks are ISO weeks (Monday first, `%G/%V`). */
function periodKeys(timezone: string): PeriodKeys {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const local = (d: Date): { y: number; m: number; day: number } => {
    const parts = Object.fromEntries(format.formatToParts(d).map((p) => [p.type, p.value]));
    return { y: Number(parts['year']), m: Number(parts['month']), day: Number(parts['day']) };
  };
  return {
    day: (d) => {
      const { y, m, day } = local(d);
      return `${y}-${m}-${day}`;
    },
    week: (d) => {
      const { y, m, day } = local(d);
      return isoWeek(y, m, day);
    },
    month: (d) => {
      const { y, m } = local(d);
      return `${y}-${m}`;
    },
  };
}

const DAY_MS = 86_400_000;

/** `2026/W48` for a calendar date (its ISO week-numbering year and week). */
export function isoWeek(year: number, month: number, day: number): string {
  const date = Date.UTC(year, month - 1, day);
  const weekday = new Date(date).getUTCDay() || 7; // Monday 1 .. Sunday 7
  const thursday = new Date(date + (4 - weekday) * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * DAY_MS));
  return `${isoYear}/W${String(week).padStart(2, '0')}`;
}
