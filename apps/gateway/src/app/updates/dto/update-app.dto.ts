import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { IMAGE_TAG_PATTERN } from '@proxdeck/shared-catalog';
import type { UpdateAppRequest } from '@proxdeck/shared-contracts';

export class UpdateAppDto implements UpdateAppRequest {
  @ApiPropertyOptional({ example: '1.27.5', description: 'An image tag newer than the running one on the entry\'s update track; default: the newest' })
  @IsOptional()
  @IsString()
  @Matches(IMAGE_TAG_PATTERN, { message: 'must be an image tag such as 1.27.5' })
  version?: string;
}
