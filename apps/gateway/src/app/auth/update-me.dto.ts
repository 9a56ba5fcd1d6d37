import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { USER_MODES, type UserMode } from '@proxdeck/shared-contracts';

/** `PATCH /auth/me`: the caller's own preferences. */
export class UpdateMeDto {
  @ApiProperty({ enum: USER_MODES, description: 'AUTO shows the essentials with sensible defaults; PRO every operation and setting. Roles still decide what is allowed.' })
  @IsIn(USER_MODES, { message: `must be one of: ${USER_MODES.join(', ')}` })
  mode!: UserMode;
}
