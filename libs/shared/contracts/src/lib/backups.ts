export const BACKUP_KINDS = ['manual', 'scheduled', 'pre-update'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** A vzdump archive of an app's container, as Proxdeck tracks it (the row outlives the app). */
export interface BackupDto {
  id: string;
  appId: string | null;
  appHostname: string;
  catalogId: string;
  appVersion: string;
  node: string;
  storage: string;
  volid: string;
  sizeBytes: number;
  kind: BackupKind;
  protected: boolean;
  notes: string;
  createdAt: string;
}

/** `POST /apps/:id/backups`. */
export interface CreateBackupRequest {
  notes?: string;
}

/** `PATCH /backups/:id`. */
export interface UpdateBackupRequest {
  protected?: boolean;
  notes?: string;
}

/** `POST /backups/:id/restore`: in place needs `overwrite: true` while the app exists (else 409). */
export interface RestoreBackupRequest {
  target: 'in-place' | 'new';
  hostname?: string;
  node?: string;
  overwrite?: boolean;
}

export interface BackupPolicyDto {
  /** Five-field cron expression, or null for no scheduled backups. */
  schedule: string | null;
  /** IANA time zone the schedule is read in. */
  timezone: string;
  keepLast: number;
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
}

export interface UpdatePolicyDto {
  /** Check for newer versions daily. */
  check: boolean;
  /** Apply found updates without asking (AUTO mode applies on approval: false by default). */
  autoApply: boolean;
}

/** `GET|PUT /apps/:id/policy`. */
export interface AppPolicyDto {
  backup: BackupPolicyDto;
  updates: UpdatePolicyDto;
}

/** AUTO mode's sensible default (ISSUE 4, "Modes"): nightly backups keeping 7, daily update checks. */
export const DEFAULT_APP_POLICY: AppPolicyDto = {
  backup: { schedule: '0 3 * * *', timezone: 'UTC', keepLast: 7, keepDaily: 0, keepWeekly: 0, keepMonthly: 0 },
  updates: { check: true, autoApply: false },
};
