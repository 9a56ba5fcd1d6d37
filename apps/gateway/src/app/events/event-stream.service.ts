import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EventSubscriber } from '@proxdeck/server-queue';
import { SSE_HEARTBEAT, SSE_HEARTBEAT_MS, SSE_PREAMBLE, sseFrame } from './sse-format';

/**
 * Relays every event of the process's one Redis subscription to each open `GET /events` response.
 * Open streams are ended on shutdown, or the HTTP server would wait for them forever.
 */
@Injectable()
export class EventStreamService implements BeforeApplicationShutdown {
  private readonly open = new Set<() => void>();

  constructor(private readonly subscriber: EventSubscriber) {}

  get clients(): number {
    return this.open.size;
  }

  attach(req: Request, res: Response): void {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    // nginx and friends must not buffer the stream.
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    req.socket.setNoDelay(true);
    res.write(SSE_PREAMBLE);

    const unsubscribe = this.subscriber.onEvent((event) => res.write(sseFrame(event)));
    const heartbeat = setInterval(() => res.write(SSE_HEARTBEAT), SSE_HEARTBEAT_MS);
    const close = (): void => {
      if (!this.open.delete(close)) return;
      clearInterval(heartbeat);
      unsubscribe();
      res.end();
    };
    this.open.add(close);
    req.on('close', close);
    res.on('error', close);
  }

  beforeApplicationShutdown(): void {
    for (const close of [...this.open]) close();
  }
}
