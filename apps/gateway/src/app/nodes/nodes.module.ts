import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEntity } from '@proxdeck/server-database';
import { NodesController } from './nodes.controller';

@Module({
  imports: [TypeOrmModule.forFeature([AppEntity])],
  controllers: [NodesController],
})
export class NodesModule {}
