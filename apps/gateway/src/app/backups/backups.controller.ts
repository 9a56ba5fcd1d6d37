import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AcceptedOperationDto, BackupDto, Page } from '@proxdeck/shared-contracts';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { uuidParam } from '../problem/uuid-param';
import { BackupCommandsService } from './backup-commands.service';
import { BackupsService } from './backups.service';
import { RestoreBackupDto, UpdateBackupDto } from './dto/backup-requests.dto';
import { BackupsQueryDto } from './dto/backups.query';

const backupId = () => uuidParam('BACKUP_NOT_FOUND', 'No backup has this id.');

@ApiTags('backups')
@ApiBearerAuth()
@Controller('backups')
export class BackupsController {
  constructor(
    private readonly backups: BackupsService,
    private readonly commands: BackupCommandsService,
  ) {}

  @Roles('viewer')
  @Get()
  @ApiOperation({ summary: 'Every backup, newest first, also those of deleted apps' })
  list(@Query() query: BackupsQueryDto): Promise<Page<BackupDto>> {
    return this.backups.list(query);
  }

  @Roles('operator')
  @Patch(':id')
  @ApiOperation({ summary: 'Protect/unprotect a backup or change its notes' })
  update(@Param('id', backupId()) id: string, @Body() body: UpdateBackupDto, @CurrentPrincipal() principal: Principal): Promise<BackupDto> {
    return this.backups.update(id, body, principal);
  }

  @Roles('operator')
  @Delete(':id')
  @HttpCode(202)
  @ApiOperation({ summary: 'Delete a backup (409 BACKUP_PROTECTED while protected); follow the returned operation' })
  remove(@Param('id', backupId()) id: string, @CurrentPrincipal() principal: Principal): Promise<AcceptedOperationDto> {
    return this.commands.delete(id, principal);
  }

  @Roles('operator')
  @Post(':id/restore')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Restore into a new app (hostname required) or in place (overwrite: true while the app\'s container exists, else 409 RESTORE_WOULD_OVERWRITE); in place for a deleted app answers 422 APP_NOT_FOUND naming target',
  })
  restore(@Param('id', backupId()) id: string, @Body() body: RestoreBackupDto, @CurrentPrincipal() principal: Principal): Promise<AcceptedOperationDto> {
    return this.commands.restore(id, body, principal);
  }
}
