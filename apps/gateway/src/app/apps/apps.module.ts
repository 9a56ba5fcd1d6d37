import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEntity, OperationEntity } from '@proxdeck/server-database';
import { CatalogModule } from '../catalog/catalog.module';
import { EventsModule } from '../events/events.module';
import { AppCommandsService } from './app-commands.service';
import { AppViewsService } from './app-views.service';
import { AppsController } from './apps.controller';

@Module({
  imports: [TypeOrmModule.forFeature([AppEntity, OperationEntity]), CatalogModule, EventsModule],
  controllers: [AppsController],
  providers: [AppViewsService, AppCommandsService],
  exports: [AppViewsService, AppCommandsService],
})
export class AppsModule {}
