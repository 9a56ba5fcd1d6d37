import { Injectable, Logger } from '@nestjs/common';
import { type AppEntity, type OperationEntity, toAppDto, toOperationDto } from '@proxdeck/server-database';
import { EventPublisher } from '@proxdeck/server-queue';
import type { ProxdeckEvent } from '@proxdeck/shared-contracts';

/**
 * Publishes `app.updated` / `operation.updated` after the gateway changed rows. The change is already
 * committed, so a publish failure is logged, not thrown: the dashboard catches up on its next read.
 */
@Injectable()
export class ChangeNotifier {
  private readonly logger = new Logger('ChangeNotifier');

  constructor(private readonly publisher: EventPublisher) {}

  async appAndOperation(app: AppEntity, operation: OperationEntity): Promise<void> {
    await this.publish({ type: 'operation.updated', operation: toOperationDto(operation) });
    await this.publish({ type: 'app.updated', app: toAppDto(app, operation) });
  }

  async publish(event: ProxdeckEvent): Promise<void> {
    try {
      await this.publisher.publish(event);
    } catch (e) {
      this.logger.warn(`could not publish ${event.type}: ${String(e)}`);
    }
  }
}
