/** `GET /audit` (admins): who did what, newest first. */
export interface AuditEventDto {
  id: string;
  at: string;
  actor: string;
  /** e.g. `app.deploy`, `backup.delete`, `user.create`, `auth.login.failed`. */
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}
