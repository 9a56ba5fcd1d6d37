import { AppEntity } from './app.entity';
import { AuditEventEntity } from './audit-event.entity';
import { OperationLogEntity } from './operation-log.entity';
import { OperationEntity } from './operation.entity';
import { RefreshSessionEntity } from './refresh-session.entity';
import { UserEntity } from './user.entity';

export { AppEntity, AuditEventEntity, OperationEntity, OperationLogEntity, RefreshSessionEntity, UserEntity };

export const ENTITIES = [UserEntity, RefreshSessionEntity, AppEntity, OperationEntity, OperationLogEntity, AuditEventEntity];
