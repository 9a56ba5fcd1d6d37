import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export const KEEP_MAX = 1000;

/** Fields left out keep their current value; `schedule: null` turns scheduled backups off. */
export class BackupPolicyBodyDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: '0 3 * * *', description: 'Five-field cron expression, or null for no scheduled backups' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  schedule?: string | null;

  @ApiPropertyOptional({ example: 'Europe/Berlin', description: 'IANA time zone the schedule and retention days are read in' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: KEEP_MAX })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(KEEP_MAX)
  keepLast?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: KEEP_MAX })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(KEEP_MAX)
  keepDaily?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: KEEP_MAX })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(KEEP_MAX)
  keepWeekly?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: KEEP_MAX })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(KEEP_MAX)
  keepMonthly?: number;
}

export class UpdatePolicyBodyDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  check?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  autoApply?: boolean;
}

/** `PUT /apps/:id/policy`: the dashboard sends the whole AppPolicyDto; parts left out stay as they are. */
export class AppPolicyBodyDto {
  @ApiPropertyOptional({ type: BackupPolicyBodyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BackupPolicyBodyDto)
  backup?: BackupPolicyBodyDto;

  @ApiPropertyOptional({ type: UpdatePolicyBodyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => UpdatePolicyBodyDto)
  updates?: UpdatePolicyBodyDto;
}
