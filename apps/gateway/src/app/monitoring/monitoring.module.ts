import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEntity } from '@proxdeck/server-database';
import { MonitoringController } from './monitoring.controller';

@Module({
  imports: [TypeOrmModule.forFeature([AppEntity])],
  controllers: [MonitoringController],
})
export class MonitoringModule {}
