import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EventSubscriber } from '@proxdeck/server-queue';
import { eventForRole } from '@proxdeck/shared-contracts';
import { PrincipalResolver } from '../auth/principal-resolver.service';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../infra/gateway-options';
import type { Principal } from '../auth/principal';
import { DomainError } from '../problem/domain-error';
import { SSE_HEARTBEAT, SSE_HEARTBEAT_MS, SSE_PREAMBLE, sseFrame } from './sse-format';

/** Open streams one account may hold (a person with several tabs); more is a 429. */
export const MAX_STREAMS_PER_USER = 8;

interface OpenStream {
  userId: string;
  close: () => void;
}

/**
 * Relays every event of the process's one Redis subscription to each open `GET /events` response,
 * as the caller's role may see it. A stream lives no longer than the credential it was opened
 * with: at every heartbeat the request is authenticated again, so a deleted account, an expired
 * access token or a revoked API token ends it, and a changed role applies at once. Open streams
 * are ended on shutdown, or the HTTP server would wait for them forever.
 */
@Injectable()
export class EventStreamService implements BeforeApplicationShutdown {
  private readonly open = new Set<OpenStream>();

  constructor(
    private readonly subscriber: EventSubscriber,
    private readonly principals: PrincipalResolver,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  get clients(): number {
    return this.open.size;
  }

  attach(req: Request, res: Response, principal: Principal): void {
    const mine = [...this.open].filter((s) => s.userId === principal.userId).length;
    if (mine >= MAX_STREAMS_PER_USER) {
      throw new DomainError('RATE_LIMITED', 429, `${principal.username} already has ${MAX_STREAMS_PER_USER} event streams open; close other tabs or clients first.`);
    }
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    // nginx and friends must not buffer the stream.
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    req.socket.setNoDelay(true);
    res.write(SSE_PREAMBLE);

    let role = principal.role;
    const unsubscribe = this.subscriber.onEvent((event) => res.write(sseFrame(eventForRole(event, role))));
    const heartbeat = setInterval(() => {
      this.principals.authenticate(req, { allowCookie: true }).then(
        (auth) => {
          if (!this.open.has(stream)) return; // closed while the check ran
          if ('failure' in auth || auth.principal.userId !== principal.userId) return stream.close();
          role = auth.principal.role;
          res.write(SSE_HEARTBEAT);
        },
        () => stream.close(),
      );
    }, this.options.eventStreamRecheckMs ?? SSE_HEARTBEAT_MS);
    const stream: OpenStream = {
      userId: principal.userId,
      close: () => {
        if (!this.open.delete(stream)) return;
        clearInterval(heartbeat);
        unsubscribe();
        res.end();
      },
    };
    this.open.add(stream);
    req.on('close', stream.close);
    res.on('error', stream.close);
  }

  beforeApplicationShutdown(): void {
    for (const stream of [...this.open]) stream.close();
  }
}
