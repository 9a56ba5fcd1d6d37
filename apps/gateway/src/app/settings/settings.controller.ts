import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ProxmoxConnectionTestDto, SettingsDto } from '@proxdeck/shared-contracts';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { TestProxmoxConnectionDto, UpdateSettingsDto } from './settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@ApiBearerAuth()
@Roles('admin')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({ summary: 'The Proxmox connection and defaults in effect (secrets never shown)' })
  get(): Promise<SettingsDto> {
    return this.settings.get();
  }

  @Put()
  @ApiOperation({ summary: 'Save settings; they apply in every Proxdeck process within seconds' })
  update(@Body() body: UpdateSettingsDto, @CurrentPrincipal() principal: Principal): Promise<SettingsDto> {
    return this.settings.update(body, principal);
  }

  @Post('proxmox/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Try a Proxmox connection (the saved one where fields are missing) without saving it' })
  testProxmox(@Body() body: TestProxmoxConnectionDto): Promise<ProxmoxConnectionTestDto> {
    return this.settings.testProxmox(body);
  }
}
