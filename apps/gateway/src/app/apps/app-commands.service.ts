import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppEntity, OperationEntity, SecretBox, toAppDto, toOperationDto } from '@proxdeck/server-database';
import { initialSteps } from '@proxdeck/server-domain';
import { OperationQueue } from '@proxdeck/server-queue';
import { catalogEntryVersion, deployInputValues, primaryPort, resolveResources, validateDeployInputs } from '@proxdeck/shared-catalog';
import { hostnameProblem, operationRefusal, type AcceptedOperationDto, type AppStatus, type OperationType } from '@proxdeck/shared-contracts';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { CatalogService } from '../catalog/catalog.service';
import { ChangeNotifier } from '../events/change-notifier.service';
import { PVE_READER, type PveReader } from '../infra/pve-reader';
import { proxmoxProblem } from '../infra/proxmox-problem';
import { DomainError } from '../problem/domain-error';
import { generateSecrets } from './app-secrets';
import type { DeployAppDto } from './dto/deploy-app.dto';
import { enqueueOperation } from './enqueue';

export type LifecycleOperation = Extract<OperationType, 'start' | 'stop' | 'restart' | 'delete'>;

/**
 * Everything that changes an app goes through here: validate, write the rows in one transaction
 * (the app row locked), commit, enqueue the job whose id is the operation id, publish events.
 * The work itself is the worker's.
 */
@Injectable()
export class AppCommandsService {
  private readonly logger = new Logger('AppCommands');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly queue: OperationQueue,
    private readonly notifier: ChangeNotifier,
    private readonly audit: AuditService,
    private readonly secretBox: SecretBox,
    @Inject(PVE_READER) private readonly pve: PveReader,
  ) {}

  async deploy(body: DeployAppDto, principal: Principal): Promise<AcceptedOperationDto> {
    const entry = this.catalog.get(body.catalogId, 'catalogId');
    const inputErrors: Record<string, string> = { ...validateDeployInputs(entry, body.inputs) };
    const badHostname = hostnameProblem(body.hostname);
    if (badHostname) inputErrors['hostname'] = badHostname;
    if (Object.keys(inputErrors).length > 0) throw DomainError.validation(inputErrors);

    const { resources, errors: resourceErrors } = resolveResources(entry, body.resources);
    if (Object.keys(resourceErrors).length > 0) {
      throw new DomainError('RESOURCES_BELOW_MINIMUM', 422, `${entry.name} needs more resources than requested; see errors.`, resourceErrors);
    }
    if (await this.dataSource.getRepository(AppEntity).existsBy({ hostname: body.hostname })) {
      throw new DomainError('APP_HOSTNAME_TAKEN', 409, `An app named "${body.hostname}" already exists; choose another hostname.`, { hostname: 'is already taken' });
    }
    if (body.node !== undefined) await this.checkNode(body.node);

    const secrets = generateSecrets(entry);
    const { app, operation } = await this.dataSource.transaction(async (m) => {
      const apps = m.getRepository(AppEntity);
      const app = await apps.save(
        apps.create({
          name: entry.name,
          catalogId: entry.id,
          version: catalogEntryVersion(entry),
          runtime: entry.runtime,
          hostname: body.hostname,
          node: body.node ?? null,
          vmid: null,
          ip: null,
          status: 'provisioning',
          statusReason: null,
          cores: resources.cores,
          memoryMb: resources.memoryMb,
          diskGb: resources.diskGb,
          inputs: deployInputValues(entry, body.inputs),
          secretsEncrypted: Object.keys(secrets).length ? this.secretBox.seal(JSON.stringify(secrets)) : null,
          httpPort: primaryPort(entry).port,
          hasRun: false,
          activeOperationId: null,
        }),
      );
      const operation = await this.startOperation(m, app, 'deploy', principal);
      await this.audit.record(
        { actor: principal.username, action: 'app.deploy', target: app.id, details: { hostname: app.hostname, catalogId: entry.id, node: app.node, resources, operationId: operation.id } },
        m,
      );
      return { app, operation };
    });

    try {
      await enqueueOperation(this.queue, 'deploy', operation.id, app.id);
    } catch (e) {
      this.logger.error(`deploy ${operation.id} could not be queued: ${String(e)}`);
      await this.dataSource.transaction(async (m) => {
        await this.failUnqueued(m, operation);
        await m.getRepository(AppEntity).delete({ id: app.id });
      });
      throw this.queueUnavailable();
    }
    await this.notifier.appAndOperation(app, operation);
    return { app: toAppDto(app, operation), operation: toOperationDto(operation) };
  }

  async lifecycle(appId: string, type: LifecycleOperation, principal: Principal): Promise<AcceptedOperationDto> {
    const { app, operation, previousStatus } = await this.dataSource.transaction(async (m) => {
      const app = await m.getRepository(AppEntity).findOne({ where: { id: appId }, lock: { mode: 'pessimistic_write' } });
      if (!app) throw DomainError.notFound('APP_NOT_FOUND', 'No app has this id.');
      await this.refuseIfBusy(m, app);
      const refusal = operationRefusal(type, app.status);
      if (refusal) throw new DomainError('APP_STATE_CONFLICT', 409, refusal);
      const previousStatus = app.status;
      const operation = await this.startOperation(m, app, type, principal, type === 'delete' ? 'deleting' : undefined);
      await this.audit.record({ actor: principal.username, action: `app.${type}`, target: app.id, details: { hostname: app.hostname, operationId: operation.id } }, m);
      return { app, operation, previousStatus };
    });

    try {
      await enqueueOperation(this.queue, type, operation.id, app.id);
    } catch (e) {
      this.logger.error(`${type} ${operation.id} could not be queued: ${String(e)}`);
      await this.dataSource.transaction(async (m) => {
        await this.failUnqueued(m, operation);
        await m.getRepository(AppEntity).update({ id: app.id, activeOperationId: operation.id }, { activeOperationId: null, status: previousStatus });
      });
      throw this.queueUnavailable();
    }
    await this.notifier.appAndOperation(app, operation);
    return { app: toAppDto(app, operation), operation: toOperationDto(operation) };
  }

  /** One operation per app at a time (ARCHITECTURE.md); the partial unique index backs this up. */
  private async refuseIfBusy(m: EntityManager, app: AppEntity): Promise<void> {
    if (!app.activeOperationId) return;
    const active = await m.getRepository(OperationEntity).findOneBy({ id: app.activeOperationId });
    if (active && (active.state === 'queued' || active.state === 'running')) {
      throw new DomainError(
        'OPERATION_IN_PROGRESS',
        409,
        `A ${active.type} operation is ${active.state} for ${app.hostname}; wait for it to finish.`,
        undefined,
        active.id,
      );
    }
  }

  private async startOperation(m: EntityManager, app: AppEntity, type: OperationType, principal: Principal, status?: AppStatus): Promise<OperationEntity> {
    const ops = m.getRepository(OperationEntity);
    const operation = await ops.save(
      ops.create({
        type,
        state: 'queued',
        appId: app.id,
        appHostname: app.hostname,
        progress: 0,
        steps: initialSteps(type),
        error: null,
        requestedBy: principal.username,
        upids: [],
        context: {},
        startedAt: null,
        finishedAt: null,
      }),
    );
    app.activeOperationId = operation.id;
    if (status) app.status = status;
    await m.getRepository(AppEntity).save(app);
    return operation;
  }

  private async failUnqueued(m: EntityManager, operation: OperationEntity): Promise<void> {
    operation.state = 'failed';
    operation.error = 'The job queue was unavailable, so the operation never started. Nothing was changed; try again.';
    operation.finishedAt = new Date();
    await m.getRepository(OperationEntity).save(operation);
  }

  private queueUnavailable(): DomainError {
    return new DomainError('QUEUE_UNAVAILABLE', 503, 'The job queue is unavailable, so nothing was started. Try again shortly.');
  }

  private async checkNode(node: string): Promise<void> {
    let nodes: Awaited<ReturnType<PveReader['nodes']>>;
    try {
      nodes = await this.pve.nodes();
    } catch (e) {
      throw proxmoxProblem(e);
    }
    const found = nodes.find((n) => n.node === node);
    if (!found) {
      const known = nodes.map((n) => n.node).sort().join(', ');
      throw new DomainError('NODE_NOT_FOUND', 422, `The cluster has no node "${node}".`, { node: `is not a node of the cluster (nodes: ${known || 'none'})` });
    }
    if (found.status !== 'online') {
      throw new DomainError('NODE_NOT_FOUND', 422, `Node "${node}" is ${found.status}; pick an online node.`, { node: `is ${found.status}` });
    }
  }
}
