import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { CatalogModule } from '../catalog/catalog.module';
import { EventsModule } from '../events/events.module';
import { AppBackupsController } from './app-backups.controller';
import { BackupCommandsService } from './backup-commands.service';
import { BackupsController } from './backups.controller';
import { BackupsService } from './backups.service';
import { PolicyService } from './policy.service';

/** Backups, restores and app policies (API.md "Backups"); the work is the worker's. */
@Module({
  imports: [AppsModule, CatalogModule, EventsModule],
  controllers: [BackupsController, AppBackupsController],
  providers: [BackupsService, BackupCommandsService, PolicyService],
})
export class BackupsModule {}
