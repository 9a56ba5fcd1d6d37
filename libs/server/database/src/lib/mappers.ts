import { DEFAULT_APP_POLICY, type AppDto, type AppPolicyDto, type BackupDto, type OperationDto, type OperationLogDto, type UserDto } from '@proxdeck/shared-contracts';
import type { AppEntity, AppPolicyEntity, BackupEntity, OperationEntity, OperationLogEntity, UserEntity } from './entities';

/** One mapping from rows to API shapes, shared by the gateway (responses) and the worker (events). */
export function toAppDto(app: AppEntity, active: OperationEntity | null): AppDto {
  return {
    id: app.id,
    name: app.name,
    catalogId: app.catalogId,
    version: app.version,
    hostname: app.hostname,
    node: app.node,
    vmid: app.vmid,
    ip: app.ip,
    status: app.status,
    statusReason: app.statusReason,
    resources: { cores: app.cores, memoryMb: app.memoryMb, diskGb: app.diskGb },
    url: app.hasRun ? `/apps/${app.hostname}/` : null,
    activeOperation: active && (active.state === 'queued' || active.state === 'running')
      ? { id: active.id, type: active.type, state: active.state, progress: active.progress }
      : null,
    env: app.envOverrides ?? {},
    pendingChanges: app.pendingChanges ?? [],
    previousVersion: app.previousVmid !== null ? app.previousVersion : null,
    rollbackUntil: app.previousVmid !== null ? (app.previousKeepUntil?.toISOString() ?? null) : null,
    latestVersion: app.latestVersion,
    adopted: app.adopted,
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
  };
}

export function toOperationDto(op: OperationEntity): OperationDto {
  return {
    id: op.id,
    type: op.type,
    state: op.state,
    appId: op.appId,
    appHostname: op.appHostname,
    progress: op.progress,
    steps: op.steps,
    error: op.error,
    requestedBy: op.requestedBy,
    createdAt: op.createdAt.toISOString(),
    startedAt: op.startedAt?.toISOString() ?? null,
    finishedAt: op.finishedAt?.toISOString() ?? null,
  };
}

export function toOperationLogDto(log: OperationLogEntity): OperationLogDto {
  return { at: log.at.toISOString(), level: log.level, message: log.message };
}

export function toUserDto(user: UserEntity): UserDto {
  return { id: user.id, username: user.username, role: user.role, mode: user.mode, createdAt: user.createdAt.toISOString() };
}

export function toBackupDto(b: BackupEntity): BackupDto {
  return {
    id: b.id,
    appId: b.appId,
    appHostname: b.appHostname,
    catalogId: b.catalogId,
    appVersion: b.appVersion,
    node: b.node,
    storage: b.storage,
    volid: b.volid,
    sizeBytes: b.sizeBytes,
    kind: b.kind,
    protected: b.protected,
    notes: b.notes,
    createdAt: b.createdAt.toISOString(),
  };
}

/** An app without a policy row has the defaults (`config.defaultPolicy`: AUTO's, unless Settings changed them). */
export function toAppPolicyDto(p: AppPolicyEntity | null, defaults: AppPolicyDto = DEFAULT_APP_POLICY): AppPolicyDto {
  if (!p) return structuredClone(defaults);
  return {
    backup: { schedule: p.backupSchedule, timezone: p.timezone, keepLast: p.keepLast, keepDaily: p.keepDaily, keepWeekly: p.keepWeekly, keepMonthly: p.keepMonthly },
    updates: { check: p.updateCheck, autoApply: p.updateAutoApply },
  };
}
