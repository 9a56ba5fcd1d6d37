import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageLimitDto } from '../pagination/page.query';

/** Audit rows have growing integer ids, so the cursor is simply the last id seen. */
export class AuditQueryDto extends PageLimitDto {
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
