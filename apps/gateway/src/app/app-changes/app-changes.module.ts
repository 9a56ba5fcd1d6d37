import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEntity, OperationEntity } from '@proxdeck/server-database';
import { AppsModule } from '../apps/apps.module';
import { CatalogModule } from '../catalog/catalog.module';
import { AppChangesController } from './app-changes.controller';
import { AppChangesService } from './app-changes.service';

/** `POST /apps/:id/clone` and `PATCH /apps/:id/config`. */
@Module({
  imports: [TypeOrmModule.forFeature([AppEntity, OperationEntity]), AppsModule, CatalogModule],
  controllers: [AppChangesController],
  providers: [AppChangesService],
})
export class AppChangesModule {}
