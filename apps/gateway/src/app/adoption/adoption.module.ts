import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEntity, OperationEntity } from '@proxdeck/server-database';
import { AppsModule } from '../apps/apps.module';

// PLACEHOLDER: being written in this session.
@Module({
  imports: [TypeOrmModule.forFeature([AppEntity, OperationEntity]), AppsModule],
  controllers: [],
  providers: [],
})
export class AdoptionModule {}
