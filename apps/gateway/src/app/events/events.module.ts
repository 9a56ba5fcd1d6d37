import { Module } from '@nestjs/common';
import { ChangeNotifier } from './change-notifier.service';
import { EventStreamService } from './event-stream.service';
import { EventsController } from './events.controller';

@Module({
  controllers: [EventsController],
  providers: [EventStreamService, ChangeNotifier],
  exports: [ChangeNotifier],
})
export class EventsModule {}
