import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createRedisConnection, EventPublisher, EventSubscriber, OperationQueue, ScheduleQueue } from '@proxdeck/server-queue';

/**
 * The gateway's three Redis connections (queue producer, event publisher, event subscriber) and what
 * runs on them. BullMQ never closes a connection it was given, so `close()` quits every one.
 */
export class RedisResources {
  private readonly logger = new Logger('Redis');
  readonly queueConnection: Redis;
  readonly publisherConnection: Redis;
  readonly subscriberConnection: Redis;
  readonly queue: OperationQueue;
  /** Per-app backup schedules follow the policies the gateway saves. */
  readonly schedules: ScheduleQueue;
  readonly publisher: EventPublisher;
  readonly subscriber: EventSubscriber;

  constructor(redisUrl: string, prefix: string) {
    // Requests must fail, not hang, while Redis is down: a deploy then answers 503 instead of timing out.
    this.queueConnection = this.watch(createRedisConnection(redisUrl, { maxRetriesPerRequest: 2 }), 'queue');
    this.publisherConnection = this.watch(createRedisConnection(redisUrl, { maxRetriesPerRequest: 2 }), 'publisher');
    this.subscriberConnection = this.watch(createRedisConnection(redisUrl), 'subscriber');
    this.queue = new OperationQueue(this.queueConnection, prefix);
    this.schedules = new ScheduleQueue(this.queueConnection, prefix);
    this.publisher = new EventPublisher(this.publisherConnection, prefix);
    this.subscriber = new EventSubscriber(this.subscriberConnection, prefix);
  }

  async start(): Promise<void> {
    await this.subscriber.start();
  }

  /** For /readyz: a PING answered within `timeoutMs`. */
  async ping(timeoutMs: number): Promise<void> {
    await withTimeout(this.publisherConnection.ping(), timeoutMs, 'Redis did not answer PING');
  }

  async close(): Promise<void> {
    await this.queue.close().catch((e: unknown) => this.logger.warn(`closing the queue: ${String(e)}`));
    await this.schedules.close().catch((e: unknown) => this.logger.warn(`closing the schedules queue: ${String(e)}`));
    await Promise.all(
      [this.queueConnection, this.publisherConnection, this.subscriberConnection].map((c) =>
        c.quit().catch(() => c.disconnect()),
      ),
    );
  }

  private watch(connection: Redis, role: string): Redis {
    // Without a listener ioredis prints "Unhandled error event"; reconnects happen on their own.
    connection.on('error', (e: Error) => this.logger.warn(`${role} connection: ${e.message}`));
    return connection;
  }
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
