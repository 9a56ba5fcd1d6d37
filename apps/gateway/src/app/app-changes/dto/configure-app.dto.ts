import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import type { ConfigureAppRequest } from '@proxdeck/shared-contracts';

/** Sane upper bounds; the catalog entry's minimums and "disks only grow" are checked against the app. */
export const MAX_CORES = 128;

export class ConfigureAppDto implements ConfigureAppRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_CORES, description: 'Applied live' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CORES)
  cores?: number;

  @ApiPropertyOptional({ minimum: 16, description: "Applied live; below the catalog entry's minimum is refused with 422" })
  @IsOptional()
  @IsInt()
  @Min(16)
  @Max(4 * 1024 * 1024)
  memoryMb?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'Root disk size; only grows (smaller than now is refused with 422 DISK_SHRINK_REFUSED)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(64 * 1024)
  diskGb?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', nullable: true },
    example: { LOG_LEVEL: 'debug', OLD_SETTING: null },
    description: 'Environment values over the catalog\'s; null removes a value you set. Applied with a restart.',
  })
  @IsOptional()
  @IsObject()
  env?: Record<string, string | null>;
}
