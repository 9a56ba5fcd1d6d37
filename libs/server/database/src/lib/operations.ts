import type { EntityManager } from 'typeorm';
import { initialSteps } from '@proxdeck/server-domain';
import type { AppStatus, OperationType } from '@proxdeck/shared-contracts';
import { AppEntity, OperationEntity } from './entities';

export interface NewOperation {
  app: AppEntity;
  type: OperationType;
  /** A username, or `scheduler` / `reconciler` for work Proxdeck starts by itself. */
  requestedBy: string;
  params?: Record<string, unknown>;
  /** The app's status while the operation runs (e.g. `deleting`); unchanged when absent. */
  status?: AppStatus;
}

/**
 * Writes a queued operation and makes it the app's active one, inside the caller's transaction
 * (the caller holds the app row lock and enqueues the job after commit). The gateway and the
 * worker's scheduler both start operations this way.
 */
export async function createOperation(m: EntityManager, spec: NewOperation): Promise<OperationEntity> {
  const ops = m.getRepository(OperationEntity);
  const operation = await ops.save(
    ops.create({
      type: spec.type,
      state: 'queued',
      appId: spec.app.id,
      appHostname: spec.app.hostname,
      progress: 0,
      steps: initialSteps(spec.type),
      error: null,
      requestedBy: spec.requestedBy,
      upids: [],
      params: spec.params ?? {},
      context: {},
      startedAt: null,
      finishedAt: null,
    }),
  );
  spec.app.activeOperationId = operation.id;
  if (spec.status) spec.app.status = spec.status;
  await m.getRepository(AppEntity).save(spec.app);
  return operation;
}

/**
 * What an operation's job is keyed by (`OperationJobPayload.appId`, the app lock the worker takes):
 * its app, or for an operation without one (deleting a deleted app's backup) its backup. The
 * gateway queues by it and the worker's lost-job recovery queues again by it.
 */
export function operationJobKey(op: Pick<OperationEntity, 'appId' | 'params'>): string | null {
  if (op.appId) return op.appId;
  const backupId = op.params['backupId'];
  return typeof backupId === 'string' ? backupId : null;
}
