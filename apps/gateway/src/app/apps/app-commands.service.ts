import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppEntity, OperationEntity, SecretBox, createOperation, toAppDto, toOperationDto } from '@proxdeck/server-database';
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

/** The columns an operation that creates an app must choose; the rest start empty. */
export type NewAppFields = Pick<AppEntity, 'name' | 'catalogId' | 'version' | 'runtime' | 'hostname' | 'node' | 'cores' | 'memoryMb' | 'diskGb' | 'httpPort'> &
  Partial<Pick<AppEntity, 'inputs' | 'secretsEncrypted' | 'envOverrides' | 'adopted' | 'vmid'>>;

export interface OperateOptions {
  /** Stored on the operation for the worker (validated already). */
  params?: Record<string, unknown>;
  /** The app's status while the operation runs. */
  status?: AppStatus;
  /** The operation's own rules, checked under the app row lock; throw a DomainError to refuse. */
  check?: (app: AppEntity, m: EntityManager) => Promise<void> | void;
}

export function hostnameTaken(hostname: string): DomainError {
  return new DomainError('APP_HOSTNAME_TAKEN', 409, `An app named "${hostname}" already exists; choose another hostname.`, { hostname: 'is already taken' });
}

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
    if (await this.dataSource.getRepository(AppEntity).existsBy({ hostname: body.hostname })) throw hostnameTaken(body.hostname);
    if (body.node !== undefined) await this.checkNode(body.node);

    const secrets = generateSecrets(entry);
    const accepted = await this.launchNewApp('deploy', principal, {
      name: entry.name,
      catalogId: entry.id,
      version: catalogEntryVersion(entry),
      runtime: entry.runtime,
      hostname: body.hostname,
      node: body.node ?? null,
      cores: resources.cores,
      memoryMb: resources.memoryMb,
      diskGb: resources.diskGb,
      inputs: deployInputValues(entry, body.inputs),
      secretsEncrypted: Object.keys(secrets).length ? this.secretBox.seal(JSON.stringify(secrets)) : null,
      httpPort: primaryPort(entry).port,
    }, { auditDetails: { catalogId: entry.id, resources } });
    // The person sees the generated passwords once, in this answer (hashes derived from them are not theirs to keep).
    const shown = Object.fromEntries(entry.secrets.map((s) => [s.key, secrets[s.key]]));
    return Object.keys(shown).length ? { ...accepted, secrets: shown } : accepted;
  }

  /**
   * Operations that create an app (deploy, clone, restore into a new app, adopt): the app row in
   * `provisioning` and its operation in one transaction, then the job; if the queue refuses it the
   * row goes again so the hostname stays free.
   */
  async launchNewApp(type: OperationType, principal: Principal, fields: NewAppFields, options: { params?: Record<string, unknown>; auditDetails?: Record<string, unknown> } = {}): Promise<AcceptedOperationDto> {
    const { app, operation } = await this.dataSource.transaction(async (m) => {
      const apps = m.getRepository(AppEntity);
      if (await apps.existsBy({ hostname: fields.hostname })) throw hostnameTaken(fields.hostname);
      const app = await apps.save(apps.create({ vmid: null, ip: null, status: 'provisioning', statusReason: null, inputs: {}, secretsEncrypted: null, hasRun: false, activeOperationId: null, ...fields }));
      const operation = await createOperation(m, { app, type, requestedBy: principal.username, params: options.params });
      await this.audit.record(
        { actor: principal.username, action: `app.${type}`, target: app.id, details: { hostname: app.hostname, node: app.node, operationId: operation.id, ...options.auditDetails } },
        m,
      );
      return { app, operation };
    });

    try {
      await enqueueOperation(this.queue, type, operation.id, app.id);
    } catch (e) {
      this.logger.error(`${type} ${operation.id} could not be queued: ${String(e)}`);
      await this.dataSource.transaction(async (m) => {
        await this.failUnqueued(m, operation);
        await m.getRepository(AppEntity).delete({ id: app.id });
      });
      throw this.queueUnavailable();
    }
    await this.notifier.appAndOperation(app, operation);
    return { app: toAppDto(app, operation), operation: toOperationDto(operation) };
  }

  lifecycle(appId: string, type: LifecycleOperation, principal: Principal): Promise<AcceptedOperationDto> {
    return this.operate(appId, type, principal, { status: type === 'delete' ? 'deleting' : undefined });
  }

  /**
   * Starts an operation on an existing app: the app row locked, refused while another operation
   * runs or when the app's status does not allow it (`operationRefusal`), then `check` for the
   * operation's own rules, all before anything is written.
   */
  async operate(appId: string, type: OperationType, principal: Principal, options: OperateOptions = {}): Promise<AcceptedOperationDto> {
    const { app, operation, previousStatus } = await this.dataSource.transaction(async (m) => {
      const app = await m.getRepository(AppEntity).findOne({ where: { id: appId }, lock: { mode: 'pessimistic_write' } });
      if (!app) throw DomainError.notFound('APP_NOT_FOUND', 'No app has this id.');
      await this.refuseIfBusy(m, app);
      const refusal = operationRefusal(type, app.status);
      if (refusal) throw new DomainError('APP_STATE_CONFLICT', 409, refusal);
      await options.check?.(app, m);
      const previousStatus = app.status;
      const operation = await createOperation(m, { app, type, requestedBy: principal.username, params: options.params, status: options.status });
      await this.audit.record({ actor: principal.username, action: `app.${type}`, target: app.id, details: { hostname: app.hostname, operationId: operation.id, ...options.params } }, m);
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

  private async failUnqueued(m: EntityManager, operation: OperationEntity): Promise<void> {
    operation.state = 'failed';
    operation.error = 'The job queue was unavailable, so the operation never started. Nothing was changed; try again.';
    operation.finishedAt = new Date();
    await m.getRepository(OperationEntity).save(operation);
  }

  private queueUnavailable(): DomainError {
    return new DomainError('QUEUE_UNAVAILABLE', 503, 'The job queue is unavailable, so nothing was started. Try again shortly.');
  }

  /** 422 naming `node` unless it is an online node of the cluster. */
  async checkNode(node: string): Promise<void> {
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
