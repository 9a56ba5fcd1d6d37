import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../pagination/cursor';

/** Audit rows have growing integer ids, so the cursor is simply the last id seen. */
export class AuditQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'is not a cursor this API returned' })
  cursor?: string;

  @ApiPropertyOptional({ description: 'Only this user (or `scheduler`)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;

  @ApiPropertyOptional({ description: 'Only actions starting with this, e.g. `app.` or `backup.delete`' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;
}
