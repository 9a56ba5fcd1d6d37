import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppEntity } from '@proxdeck/server-database';
import type { NodeDto } from '@proxdeck/shared-contracts';
import { Roles } from '../auth/access.decorators';
import { PVE_READER, type PveReader } from '../infra/pve-reader';
import { proxmoxProblem } from '../infra/proxmox-problem';
import { toNodeDto } from './node-view';

@ApiTags('nodes')
@ApiBearerAuth()
@Roles('viewer')
@Controller('nodes')
export class NodesController {
  constructor(
    @Inject(PVE_READER) private readonly pve: PveReader,
    @InjectRepository(AppEntity) private readonly apps: Repository<AppEntity>,
  ) {}

  @Get()
  async list(): Promise<NodeDto[]> {
    const [rows, counts] = await Promise.all([
      this.pve.clusterResources('node').catch((e: unknown) => {
        throw proxmoxProblem(e);
      }),
      this.apps
        .createQueryBuilder('a')
        .select('a.node', 'node')
        .addSelect('COUNT(*)::int', 'count')
        .where('a.node IS NOT NULL')
        .groupBy('a.node')
        .getRawMany<{ node: string; count: number }>(),
    ]);
    const byNode = new Map(counts.map((c) => [c.node, Number(c.count)]));
    return rows
      .filter((r) => r.type === 'node')
      .map((r) => toNodeDto(r, byNode.get(r.node ?? '') ?? 0))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
