import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { OPERATION_STATES, type OperationState } from '@proxdeck/shared-contracts';
import { PageQueryDto } from '../pagination/page.query';

export class OperationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  appId?: string;

  @ApiPropertyOptional({ enum: OPERATION_STATES })
  @IsOptional()
  @IsIn(OPERATION_STATES)
  state?: OperationState;
}
