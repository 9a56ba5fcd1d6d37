import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { CreateBackupRequest, RestoreBackupRequest, UpdateBackupRequest } from '@proxdeck/shared-contracts';

export const NOTES_MAX_LENGTH = 1024;

export class CreateBackupDto implements CreateBackupRequest {
  @ApiPropertyOptional({ maxLength: NOTES_MAX_LENGTH, description: 'Kept with the backup; default: Proxdeck <hostname> <catalog id> <version>' })
  @IsOptional()
  @IsString()
  @MaxLength(NOTES_MAX_LENGTH)
  notes?: string;
}

export class UpdateBackupDto implements UpdateBackupRequest {
  @ApiPropertyOptional({ description: 'Protected backups are never pruned and cannot be deleted' })
  @IsOptional()
  @IsBoolean()
  protected?: boolean;

  @ApiPropertyOptional({ maxLength: NOTES_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(NOTES_MAX_LENGTH)
  notes?: string;
}

export class RestoreBackupDto implements RestoreBackupRequest {
  @ApiProperty({ enum: ['in-place', 'new'] })
  @IsIn(['in-place', 'new'])
  target!: 'in-place' | 'new';

  @ApiPropertyOptional({ description: 'Required with target "new": the new app\'s hostname' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  hostname?: string;

  @ApiPropertyOptional({ description: 'Target "new" only: the node (default: where the backup is)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  node?: string;

  @ApiPropertyOptional({ description: 'Target "in-place": must be true while the app\'s container exists (it is replaced)' })
  @IsOptional()
  @IsBoolean()
  overwrite?: boolean;
}
