import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OperationEntity, OperationLogEntity } from '@proxdeck/server-database';
import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';

@Module({
  imports: [TypeOrmModule.forFeature([OperationEntity, OperationLogEntity])],
  controllers: [OperationsController],
  providers: [OperationsService],
})
export class OperationsModule {}
