import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppEntity, OperationEntity } from '@proxdeck/server-database';
import { CUSTOM_CATALOG_ID, hostnameProblem, operationRefusal, type AcceptedOperationDto, type ConfigureAppRequest } from '@proxdeck/shared-contracts';
import { AppCommandsService, hostnameTaken } from '../apps/app-commands.service';
import type { Principal } from '../auth/principal';
import { CatalogService } from '../catalog/catalog.service';
import { DomainError } from '../problem/domain-error';
import type { CloneAppDto } from './dto/clone-app.dto';
import type { ConfigureAppDto } from './dto/configure-app.dto';
import { envProblems } from './env-rules';

/** Clone and configure: checked here, carried out by the worker (clone.processor, configure.processor). */
@Injectable()
export class AppChangesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly commands: AppCommandsService,
    private readonly catalog: CatalogService,
  ) {}

  /** A new app with the source's catalog entry, version, resources, inputs, secrets and env, on a new hostname. */
  async clone(sourceId: string, body: CloneAppDto, principal: Principal): Promise<AcceptedOperationDto> {
    const badHostname = hostnameProblem(body.hostname);
    if (badHostname) throw DomainError.validation({ hostname: badHostname });
    const source = await this.dataSource.getRepository(AppEntity).findOneBy({ id: sourceId });
    if (!source) throw DomainError.notFound('APP_NOT_FOUND', 'No app has this id.');
    await this.refuseIfBusy(source);
    const refusal = operationRefusal('clone', source.status);
    if (refusal) throw new DomainError('APP_STATE_CONFLICT', 409, refusal);
    if (!source.node || source.vmid === null) throw new DomainError('APP_STATE_CONFLICT', 409, `${source.hostname} has no container to clone.`);
    // An app adopted without a catalog entry (custom) is cloned as it is; others need their entry.
    if (source.catalogId !== CUSTOM_CATALOG_ID) this.catalog.get(source.catalogId);
    if (await this.dataSource.getRepository(AppEntity).existsBy({ hostname: body.hostname })) throw hostnameTaken(body.hostname);
    if (body.node !== undefined) await this.commands.checkNode(body.node);

    return this.commands.launchNewApp('clone', principal, {
      name: source.name,
      catalogId: source.catalogId,
      version: source.version,
      runtime: source.runtime,
      hostname: body.hostname,
      node: body.node ?? source.node,
      cores: source.cores,
      memoryMb: source.memoryMb,
      diskGb: source.diskGb,
      httpPort: source.httpPort,
      inputs: source.inputs,
      secretsEncrypted: source.secretsEncrypted,
      envOverrides: source.envOverrides,
    }, {
      params: { sourceAppId: source.id },
      auditDetails: { sourceAppId: source.id, sourceHostname: source.hostname },
    });
  }

  /** Validates what needs no app first (400), then, under the app's row lock, the rules that depend on it (422). */
  async configure(appId: string, body: ConfigureAppDto, principal: Principal): Promise<AcceptedOperationDto> {
    const request: ConfigureAppRequest = {};
    if (body.cores !== undefined) request.cores = body.cores;
    if (body.memoryMb !== undefined) request.memoryMb = body.memoryMb;
    if (body.diskGb !== undefined) request.diskGb = body.diskGb;
    if (body.env !== undefined) request.env = body.env;
    if (Object.keys(request).length === 0) {
      throw DomainError.validation({ body: 'name at least one of cores, memoryMb, diskGb, env' }, 'Nothing to change: name at least one of cores, memoryMb, diskGb or env.');
    }
    const envErrors = request.env ? envProblems(request.env) : {};
    if (Object.keys(envErrors).length > 0) throw DomainError.validation(envErrors);

    return this.commands.operate(appId, 'configure', principal, {
      params: { ...request },
      check: (app) => this.checkAgainstApp(app, request),
    });
  }

  private checkAgainstApp(app: AppEntity, request: ConfigureAppRequest): void {
    if (app.catalogId === CUSTOM_CATALOG_ID) return this.checkCustomApp(app, request);
    const entry = this.catalog.get(app.catalogId);
    const below: Record<string, string> = {};
    if (request.cores !== undefined && request.cores < entry.resources.min.cores) {
      below['cores'] = `must be at least ${entry.resources.min.cores} for ${entry.name}`;
    }
    if (request.memoryMb !== undefined && request.memoryMb < entry.resources.min.memoryMb) {
      below['memoryMb'] = `must be at least ${entry.resources.min.memoryMb} MB for ${entry.name}`;
    }
    if (Object.keys(below).length > 0) {
      throw new DomainError('RESOURCES_BELOW_MINIMUM', 422, `${entry.name} needs more resources than requested; see errors.`, below);
    }
    refuseShrink(app, request);
    if (request.env !== undefined && entry.runtime !== 'oci') {
      throw DomainError.validation({ env: `${entry.name} is an appliance template and has no container environment` });
    }
  }

  /** Adopted without a catalog entry: no minimums Proxdeck knows of, and its environment is not Proxdeck's to rewrite. */
  private checkCustomApp(app: AppEntity, request: ConfigureAppRequest): void {
    refuseShrink(app, request);
    if (request.env !== undefined) {
      throw DomainError.validation({ env: `${app.hostname} was adopted without a catalog entry; Proxdeck leaves its environment as it found it` });
    }
  }

  /** The source must be idle when a clone is asked for (the worker then holds its lock while copying it). */
  private async refuseIfBusy(app: AppEntity): Promise<void> {
    if (!app.activeOperationId) return;
    const active = await this.dataSource.getRepository(OperationEntity).findOneBy({ id: app.activeOperationId });
    if (active && (active.state === 'queued' || active.state === 'running')) {
      throw new DomainError('OPERATION_IN_PROGRESS', 409, `A ${active.type} operation is ${active.state} for ${app.hostname}; wait for it to finish.`, undefined, active.id);
    }
  }
}

function refuseShrink(app: AppEntity, request: ConfigureAppRequest): void {
  if (request.diskGb === undefined || request.diskGb >= app.diskGb) return;
  throw new DomainError(
    'DISK_SHRINK_REFUSED',
    422,
    `Proxmox cannot shrink a container disk; ${app.hostname}'s disk is ${app.diskGb} GB, so ask for ${app.diskGb} GB or more.`,
    { diskGb: `must be at least the current ${app.diskGb} GB (disks only grow)` },
  );
}
