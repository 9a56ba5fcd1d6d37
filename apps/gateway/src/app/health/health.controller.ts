import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/access.decorators';
import { ReadinessService, type ReadinessReport } from './readiness.service';

/** Served at /api/v1/healthz and /api/v1/readyz, and at /healthz and /readyz (see ROOT_ALIASES). */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** Public: orchestrators probe without credentials; it says only that the process is up. */
  @Public()
  @Get('healthz')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Public: load balancers probe without credentials; it names failing dependencies, not secrets. */
  @Public()
  @Get('readyz')
  @ApiOperation({ summary: 'Readiness: PostgreSQL, Redis and Proxmox reachable (503 otherwise)' })
  async readyz(@Res({ passthrough: true }) res: Response): Promise<ReadinessReport> {
    const report = await this.readiness.check();
    res.status(report.status === 'ready' ? 200 : 503);
    return report;
  }
}
