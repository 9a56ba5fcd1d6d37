import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { OperationDto, OperationLogDto, Page } from '@proxdeck/shared-contracts';
import { Roles } from '../auth/access.decorators';
import { uuidParam } from '../problem/uuid-param';
import { OperationsQueryDto } from './operations.query';
import { OperationsService } from './operations.service';

const operationId = () => uuidParam('OPERATION_NOT_FOUND', 'No operation has this id.');

@ApiTags('operations')
@ApiBearerAuth()
@Roles('viewer')
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get()
  list(@Query() query: OperationsQueryDto): Promise<Page<OperationDto>> {
    return this.operations.list(query);
  }

  @Get(':id')
  get(@Param('id', operationId()) id: string): Promise<OperationDto> {
    return this.operations.get(id);
  }

  @Get(':id/logs')
  logs(@Param('id', operationId()) id: string): Promise<OperationLogDto[]> {
    return this.operations.logs(id);
  }
}
