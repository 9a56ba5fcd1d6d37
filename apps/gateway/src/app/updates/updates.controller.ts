import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AcceptedOperationDto, AppUpdateInfoDto } from '@proxdeck/shared-contracts';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { uuidParam } from '../problem/uuid-param';
import { UpdateAppDto } from './dto/update-app.dto';
import { UpdatesService } from './updates.service';

const appId = () => uuidParam('APP_NOT_FOUND', 'No app has this id.');

@ApiTags('apps')
@ApiBearerAuth()
@Controller('apps')
export class UpdatesController {
  constructor(private readonly updates: UpdatesService) {}

  @Roles('viewer')
  @Get(':id/updates')
  @ApiOperation({ summary: 'Check the registry now for newer versions on the app\'s update track' })
  info(@Param('id', appId()) id: string): Promise<AppUpdateInfoDto> {
    return this.updates.info(id);
  }

  @Roles('operator')
  @Post(':id/update')
  @HttpCode(202)
  @ApiOperation({ summary: 'Update blue/green to a newer version (default: the newest); a failure rolls back by itself' })
  update(@Param('id', appId()) id: string, @Body() body: UpdateAppDto, @CurrentPrincipal() principal: Principal): Promise<AcceptedOperationDto> {
    return this.updates.update(id, body, principal);
  }

  @Roles('operator')
  @Post(':id/rollback')
  @HttpCode(202)
  @ApiOperation({ summary: 'Go back to the version kept after the last update, while it is kept' })
  rollback(@Param('id', appId()) id: string, @CurrentPrincipal() principal: Principal): Promise<AcceptedOperationDto> {
    return this.updates.rollback(id, principal);
  }
}
