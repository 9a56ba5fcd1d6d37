import { ApiTokenEntity } from './api-token.entity';
import { AppPolicyEntity } from './app-policy.entity';
import { AppEntity } from './app.entity';
import { AuditEventEntity } from './audit-event.entity';
import { BackupEntity } from './backup.entity';
import { IpAllocationEntity } from './ip-allocation.entity';
import { OperationLogEntity } from './operation-log.entity';
import { OperationEntity } from './operation.entity';
import { RefreshSessionEntity } from './refresh-session.entity';
import { SettingsEntity, type StoredSettings } from './settings.entity';
import { UserEntity } from './user.entity';

export { ApiTokenEntity, AppEntity, AppPolicyEntity, AuditEventEntity, BackupEntity, IpAllocationEntity, OperationEntity, OperationLogEntity, RefreshSessionEntity, SettingsEntity, UserEntity };
export type { StoredSettings };

export const ENTITIES = [UserEntity, RefreshSessionEntity, AppEntity, OperationEntity, OperationLogEntity, AuditEventEntity, BackupEntity, AppPolicyEntity, ApiTokenEntity, SettingsEntity, IpAllocationEntity];
