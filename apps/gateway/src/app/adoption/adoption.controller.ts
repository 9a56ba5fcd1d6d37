import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AcceptedOperationDto, AdoptionCandidateDto, OrphanContainerDto } from '@proxdeck/shared-contracts';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { AdoptionService } from './adoption.service';
import { ContainerScanService } from './container-scan.service';
import { AdoptDto } from './dto/adopt.dto';

@ApiTags('adoption')
@ApiBearerAuth()
@Controller('adoption')
export class AdoptionController {
  constructor(
    private readonly scan: ContainerScanService,
    private readonly adoption: AdoptionService,
  ) {}

  @Roles('viewer')
  @Get('candidates')
  @ApiOperation({ summary: 'LXC containers on the cluster that Proxdeck does not manage (templates excluded)' })
  async candidates(): Promise<AdoptionCandidateDto[]> {
    return (await this.scan.scan()).candidates;
  }

  @Roles('viewer')
  @Get('orphans')
  @ApiOperation({ summary: 'Containers carrying the Proxdeck marker of an app that no longer exists' })
  async orphans(): Promise<OrphanContainerDto[]> {
    return (await this.scan.scan()).orphans;
  }

  @Roles('operator')
  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Adopt a container as an app (a catalog entry, or custom with its port); follow the returned operation' })
  adopt(@Body() body: AdoptDto, @CurrentPrincipal() principal: Principal): Promise<AcceptedOperationDto> {
    return this.adoption.adopt(body, principal);
  }
}
