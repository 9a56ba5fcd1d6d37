import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { appForRole, type AcceptedOperationDto, type AppDto, type Page } from '@proxdeck/shared-contracts';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { PageQueryDto } from '../pagination/page.query';
import { uuidParam } from '../problem/uuid-param';
import { AppCommandsService } from './app-commands.service';
import { AppViewsService } from './app-views.service';
import { DeployAppDto } from './dto/deploy-app.dto';

const appId = () => uuidParam('APP_NOT_FOUND', 'No app has this id.');

@ApiTags('apps')
@ApiBearerAuth()
@Controller('apps')
export class AppsController {
  constructor(
    private readonly views: AppViewsService,
    private readonly commands: AppCommandsService,
  ) {}

  @Roles('viewer')
  @Get()
  async list(@Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<Page<AppDto>> {
    const page = await this.views.list(query.limit, query.cursor);
    return { ...page, items: page.items.map((app) => appForRole(app, principal.role)) };
  }

  @Roles('viewer')
  @Get(':id')
  async get(@Param('id', appId()) id: string, @CurrentPrincipal() principal: Principal): Promise<AppDto> {
    return appForRole(await this.views.get(id), principal.role);
  }

  @Roles('operator')
  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Deploy an app from the catalog; follow the returned operation' })
  deploy(@Body() body: DeployAppDto, @CurrentPrincipal() principal: Principal): Promise<AcceptedOperationDto> {
    return this.commands.deploy(body, principal);
  }

  @Roles('operator')
  @Post(':id/start')
  @HttpCode(202)
  start(@Param('id', appId()) id: string, @CurrentPrincipal() principal: Principal): Promise<AcceptedOperationDto> {
    return this.commands.lifecycle(id, 'start', principal);
  }

  @Roles('operator')
  @Post(':id/stop')
  @HttpCode(202)
  stop(@Param('id', appId()) id: string, @CurrentPrincipal() principal: Principal): Promise<AcceptedOperationDto> {
    return this.commands.lifecycle(id, 'stop', principal);
  }

  @Roles('operator')
  @Post(':id/restart')
  @HttpCode(202)
  restart(@Param('id', appId()) id: string, @CurrentPrincipal() principal: Principal): Promise<AcceptedOperationDto> {
    return this.commands.lifecycle(id, 'restart', principal);
  }

  @Roles('operator')
  @Delete(':id')
  @HttpCode(202)
  remove(@Param('id', appId()) id: string, @CurrentPrincipal() principal: Principal): Promise<AcceptedOperationDto> {
    return this.commands.lifecycle(id, 'delete', principal);
  }
}
