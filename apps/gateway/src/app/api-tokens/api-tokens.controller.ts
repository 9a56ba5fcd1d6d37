import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApiTokenDto, CreatedApiTokenDto } from '@proxdeck/shared-contracts';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { uuidParam } from '../problem/uuid-param';
import { CreateApiTokenDto } from './api-token.dto';
import { ApiTokensService } from './api-tokens.service';

@ApiTags('tokens')
@ApiBearerAuth()
@Roles('viewer')
@Controller('tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @ApiOperation({ summary: 'Your API tokens (admins: everyone\'s); secrets are never listed' })
  list(@CurrentPrincipal() principal: Principal): Promise<ApiTokenDto[]> {
    return this.tokens.list(principal);
  }

  @Post()
  @ApiOperation({ summary: 'Create an API token; its secret is in this answer only' })
  create(@Body() body: CreateApiTokenDto, @CurrentPrincipal() principal: Principal): Promise<CreatedApiTokenDto> {
    return this.tokens.create(body, principal);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', uuidParam('NOT_FOUND', 'No token of yours has this id.')) id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.tokens.remove(id, principal);
  }
}
