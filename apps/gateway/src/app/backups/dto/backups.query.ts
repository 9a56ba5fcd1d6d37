import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { BACKUP_KINDS, type BackupKind } from '@proxdeck/shared-contracts';
import { PageQueryDto } from '../../pagination/page.query';

export class BackupsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Backups of this app (also of a deleted one)' })
  @IsOptional()
  @IsUUID()
  appId?: string;

  @ApiPropertyOptional({ enum: BACKUP_KINDS })
  @IsOptional()
  @IsIn(BACKUP_KINDS)
  kind?: BackupKind;
}
