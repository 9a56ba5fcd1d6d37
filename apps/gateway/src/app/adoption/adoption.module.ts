import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEntity, OperationEntity } from '@proxdeck/server-database';
import { AppsModule } from '../apps/apps.module';
import { CatalogModule } from '../catalog/catalog.module';
import { AdoptionController } from './adoption.controller';
import { AdoptionService } from './adoption.service';
import { ContainerScanService } from './container-scan.service';

/** Adoption of existing containers (`/adoption`): candidates, orphans, adopt. */
@Module({
  imports: [TypeOrmModule.forFeature([AppEntity, OperationEntity]), AppsModule, CatalogModule],
  controllers: [AdoptionController],
  providers: [ContainerScanService, AdoptionService],
})
export class AdoptionModule {}
