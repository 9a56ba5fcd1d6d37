import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AcceptedOperationDto, AppPolicyDto, BackupDto, Page } from '@proxdeck/shared-contracts';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { PageQueryDto } from '../pagination/page.query';
import { uuidParam } from '../problem/uuid-param';
import { BackupCommandsService } from './backup-commands.service';
import { BackupsService } from './backups.service';
import { AppPolicyBodyDto } from './dto/app-policy.dto';
import { CreateBackupDto } from './dto/backup-requests.dto';
import { PolicyService } from './policy.service';

const appId = () => uuidParam('APP_NOT_FOUND', 'No app has this id.');

/** An app's backups and its policy (schedule, retention, update checks). */
@ApiTags('backups')
@ApiBearerAuth()
@Controller('apps')
export class AppBackupsController {
  constructor(
    private readonly backups: BackupsService,
    private readonly commands: BackupCommandsService,
    private readonly policies: PolicyService,
  ) {}

  @Roles('operator')
  @Post(':id/backups')
  @HttpCode(202)
  @ApiOperation({ summary: 'Back the app up now (vzdump snapshot, zstd); follow the returned operation' })
  create(@Param('id', appId()) id: string, @Body() body: CreateBackupDto, @CurrentPrincipal() principal: Principal): Promise<AcceptedOperationDto> {
    return this.commands.backUp(id, body, principal);
  }

  @Roles('viewer')
  @Get(':id/backups')
  list(@Param('id', appId()) id: string, @Query() query: PageQueryDto): Promise<Page<BackupDto>> {
    return this.backups.listForApp(id, query);
  }

  @Roles('viewer')
  @Get(':id/policy')
  policy(@Param('id', appId()) id: string): Promise<AppPolicyDto> {
    return this.policies.get(id);
  }

  @Roles('operator')
  @Put(':id/policy')
  @ApiOperation({ summary: 'Backup schedule (five-field cron in an IANA time zone, or null), retention keep-last/daily/weekly/monthly, update checks; fields left out keep their value' })
  savePolicy(@Param('id', appId()) id: string, @Body() body: AppPolicyBodyDto, @CurrentPrincipal() principal: Principal): Promise<AppPolicyDto> {
    return this.policies.put(id, body, principal);
  }
}
