import { Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AcceptedOperationDto } from '@proxdeck/shared-contracts';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { uuidParam } from '../problem/uuid-param';
import { AppChangesService } from './app-changes.service';
import { CloneAppDto } from './dto/clone-app.dto';
import { ConfigureAppDto } from './dto/configure-app.dto';

const appId = () => uuidParam('APP_NOT_FOUND', 'No app has this id.');

@ApiTags('apps')
@ApiBearerAuth()
@Controller('apps')
export class AppChangesController {
  constructor(private readonly changes: AppChangesService) {}

  @Roles('operator')
  @Post(':id/clone')
  @HttpCode(202)
  @ApiOperation({ summary: 'Clone a running or stopped app into a new app with a new hostname; the answer holds the new app' })
  clone(@Param('id', appId()) id: string, @Body() body: CloneAppDto, @CurrentPrincipal() principal: Principal): Promise<AcceptedOperationDto> {
    return this.changes.clone(id, body, principal);
  }

  @Roles('operator')
  @Patch(':id/config')
  @HttpCode(202)
  @ApiOperation({ summary: 'Change cores and memory (live), grow the disk, set env values (applied with a restart)' })
  configure(@Param('id', appId()) id: string, @Body() body: ConfigureAppDto, @CurrentPrincipal() principal: Principal): Promise<AcceptedOperationDto> {
    return this.changes.configure(id, body, principal);
  }
}
