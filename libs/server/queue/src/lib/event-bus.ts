import type { Redis } from 'ioredis';
import { EVENTS_CHANNEL, type ProxdeckEvent } from '@proxdeck/shared-contracts';

/** Publishes events for every gateway instance to relay over SSE. */
export class EventPublisher {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async publish(event: ProxdeckEvent): Promise<void> {
    await this.redis.publish(channelName(this.prefix), JSON.stringify(event));
  }
}

/** Subscribes with its own connection (a subscribed ioredis connection can do nothing else). */
export class EventSubscriber {
  private readonly listeners = new Set<(event: ProxdeckEvent) => void>();

  constructor(private readonly redis: Redis, private readonly prefix: string) {
    this.redis.on('message', (channel: string, message: string) => {
      if (channel !== channelName(this.prefix)) return;
      let event: ProxdeckEvent;
      try {
        event = JSON.parse(message) as ProxdeckEvent;
      } catch {
        return; // not ours to crash on; a malformed message is dropped
      }
      for (const listener of this.listeners) listener(event);
    });
  }

  async start(): Promise<void> {
    await this.redis.subscribe(channelName(this.prefix));
  }

  onEvent(listener: (event: ProxdeckEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export function channelName(prefix: string): string {
  return `${prefix}:${EVENTS_CHANNEL}`;
}
