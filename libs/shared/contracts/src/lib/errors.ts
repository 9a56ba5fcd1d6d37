/** Stable error codes of the HTTP API (`code` in problem+json). Never rename one. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'NOT_FOUND',
  'APP_NOT_FOUND',
  'APP_HOSTNAME_TAKEN',
  'CATALOG_ENTRY_NOT_FOUND',
  'RESOURCES_BELOW_MINIMUM',
  'APP_STATE_CONFLICT',
  'OPERATION_IN_PROGRESS',
  'OPERATION_NOT_FOUND',
  'NODE_NOT_FOUND',
  'USER_EXISTS',
  'RATE_LIMITED',
  'PROXMOX_UNREACHABLE',
  'PROXMOX_ERROR',
  'INTERNAL_ERROR',
  /** A user change that would lock everyone out (delete yourself, delete or demote the last admin). */
  'USER_CHANGE_REFUSED',
  /** The job queue (Redis) did not take the operation; nothing was changed. Retry shortly. */
  'QUEUE_UNAVAILABLE',
  /** The gateway's app proxy could not reach a running app (502). */
  'APP_UNREACHABLE',
  /** The app's container reports an address the proxy never forwards to: the gateway's own host, link-local, ... (502). */
  'APP_ADDRESS_REFUSED',
  'BACKUP_NOT_FOUND',
  /** In-place restore over an app that exists, without `overwrite: true`. */
  'RESTORE_WOULD_OVERWRITE',
  /** Disks only grow (Proxmox cannot shrink a container volume). */
  'DISK_SHRINK_REFUSED',
  'NO_UPDATE_AVAILABLE',
  'ROLLBACK_UNAVAILABLE',
  'ADOPTION_CANDIDATE_NOT_FOUND',
  /** The container already belongs to an app. */
  'CONTAINER_ALREADY_MANAGED',
  /** A protected backup cannot be deleted; unprotect it first. */
  'BACKUP_PROTECTED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** RFC 9457 problem details, as every error of the API is shaped. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  /** Field path -> message, for input errors. */
  errors?: Record<string, string>;
  /** The operation in flight, for OPERATION_IN_PROGRESS. */
  operationId?: string;
}
