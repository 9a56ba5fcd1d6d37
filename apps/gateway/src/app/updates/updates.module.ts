import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { CatalogModule } from '../catalog/catalog.module';
import { EventsModule } from '../events/events.module';
import { UpdatesController } from './updates.controller';
import { UpdatesService } from './updates.service';

/** `GET /apps/:id/updates`, `POST /apps/:id/update`, `POST /apps/:id/rollback` (API.md "Apps"). */
@Module({
  imports: [AppsModule, CatalogModule, EventsModule],
  controllers: [UpdatesController],
  providers: [UpdatesService],
})
export class UpdatesModule {}
