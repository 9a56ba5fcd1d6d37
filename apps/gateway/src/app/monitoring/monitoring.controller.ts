import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppEntity } from '@proxdeck/server-database';
import type { MetricsDto } from '@proxdeck/shared-contracts';
import { Roles } from '../auth/access.decorators';
import { PVE_READER, type PveReader } from '../infra/pve-reader';
import { proxmoxProblem } from '../infra/proxmox-problem';
import { DomainError } from '../problem/domain-error';
import { uuidParam } from '../problem/uuid-param';
import { MetricsQueryDto } from './metrics.query';
import { toMetricsDto } from './metrics-series';

/** Charts of apps and nodes, read from Proxmox's rrddata on demand (Proxdeck stores no metrics). */
@ApiTags('monitoring')
@ApiBearerAuth()
@Roles('viewer')
@Controller()
export class MonitoringController {
  constructor(
    @Inject(PVE_READER) private readonly pve: PveReader,
    @InjectRepository(AppEntity) private readonly apps: Repository<AppEntity>,
  ) {}

  @Get('apps/:id/metrics')
  @ApiOperation({ summary: "An app's CPU, memory, network and disk I/O over the last hour, day or week" })
  async appMetrics(@Param('id', uuidParam('APP_NOT_FOUND', 'No app has this id.')) id: string, @Query() query: MetricsQueryDto): Promise<MetricsDto> {
    const app = await this.apps.findOneBy({ id });
    if (!app) throw DomainError.notFound('APP_NOT_FOUND', 'No app has this id.');
    const timeframe = query.timeframe ?? 'hour';
    if (!app.node || app.vmid === null) return { timeframe, points: [] };
    const points = await this.pve.containerRrdData(app.node, app.vmid, timeframe).catch((e: unknown) => {
      throw proxmoxProblem(e);
    });
    return toMetricsDto(timeframe, points);
  }

  @Get('nodes/:name/metrics')
  @ApiOperation({ summary: "A node's CPU, memory, network and disk I/O over the last hour, day or week" })
  async nodeMetrics(@Param('name') name: string, @Query() query: MetricsQueryDto): Promise<MetricsDto> {
    const timeframe = query.timeframe ?? 'hour';
    const nodes = await this.pve.nodes().catch((e: unknown) => {
      throw proxmoxProblem(e);
    });
    if (!nodes.some((n) => n.node === name)) throw DomainError.notFound('NODE_NOT_FOUND', `The cluster has no node "${name}".`);
    const points = await this.pve.nodeRrdData(name, timeframe).catch((e: unknown) => {
      throw proxmoxProblem(e);
    });
    return toMetricsDto(timeframe, points);
  }
}
