import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ChangeNotifier } from './change-notifier.service';
import { EventStreamService } from './event-stream.service';
import { EventsController } from './events.controller';

@Module({
  imports: [AuthModule],
  controllers: [EventsController],
  providers: [EventStreamService, ChangeNotifier],
  exports: [ChangeNotifier],
})
export class EventsModule {}
