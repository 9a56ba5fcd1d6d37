import { DestroyRef, Injectable, InjectionToken, inject, signal } from '@angular/core';
import type { ProxdeckEvent, ProxdeckEventType } from '@proxdeck/shared-contracts';
import { Observable, Subject, firstValueFrom } from 'rxjs';
import { EVENTS_URL } from '../api/api-paths';
import { SessionStore } from '../auth/session.store';

/** The slice of the browser's EventSource the stream uses, so tests can hand in a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export const EVENT_SOURCE_FACTORY = new InjectionToken<(url: string) => EventSourceLike>('EVENT_SOURCE_FACTORY', {
  providedIn: 'root',
  factory: () => (url: string) => new EventSource(url) as unknown as EventSourceLike,
});

/**
 * Called before a new connection when the browser gave up on the old one (e.g. a 401 because the
 * `pd_access` cookie expired): refreshing the session renews that cookie.
 */
export const EVENT_STREAM_REAUTHENTICATE = new InjectionToken<() => Promise<unknown>>('EVENT_STREAM_REAUTHENTICATE', {
  providedIn: 'root',
  factory: () => {
    const session = inject(SessionStore);
    return () => firstValueFrom(session.refresh());
  },
});

/** `idle`: not wanted; `connecting`: first attempt; `open`: live; `reconnecting`: lost, trying again. */
export type EventStreamState = 'idle' | 'connecting' | 'open' | 'reconnecting';

const EVENT_TYPES: readonly ProxdeckEventType[] = [
  'operation.updated',
  'app.updated',
  'app.deleted',
  'node.updated',
  'backup.updated',
  'backup.deleted',
];
const CLOSED = 2;
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * The live feed of Proxdeck events (`GET /api/v1/events`). EventSource reconnects by itself after a
 * dropped connection; when it gives up for good (a non-200 answer) we re-authenticate and open a new one.
 */
@Injectable({ providedIn: 'root' })
export class EventStream {
  private readonly createSource = inject(EVENT_SOURCE_FACTORY);
  private readonly reauthenticate = inject(EVENT_STREAM_REAUTHENTICATE);
  private readonly eventsSubject = new Subject<ProxdeckEvent>();
  private readonly resumedSubject = new Subject<void>();
  private source: EventSourceLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private wasOpen = false;
  /** Bumped by disconnect(), so a retry that was already under way cannot revive a closed stream. */
  private generation = 0;

  readonly state = signal<EventStreamState>('idle');
  /** Every event, parsed. */
  readonly events: Observable<ProxdeckEvent> = this.eventsSubject.asObservable();
  /** Emits when the stream is live again after a gap: events may have been missed, so reload. */
  readonly resumed: Observable<void> = this.resumedSubject.asObservable();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.disconnect());
  }

  connect(): void {
    if (this.source || this.retryTimer) {
      return;
    }
    this.state.set(this.wasOpen ? 'reconnecting' : 'connecting');
    this.open();
  }

  disconnect(): void {
    this.generation += 1;
    this.cancelRetry();
    this.source?.close();
    this.source = null;
    this.failures = 0;
    this.wasOpen = false;
    this.state.set('idle');
  }

  private open(): void {
    const source = this.createSource(EVENTS_URL);
    this.source = source;
    source.onopen = () => {
      if (this.source !== source) return;
      const resumed = this.wasOpen;
      this.failures = 0;
      this.wasOpen = true;
      this.state.set('open');
      if (resumed) this.resumedSubject.next();
    };
    source.onerror = () => {
      if (this.source !== source) return;
      this.state.set(this.wasOpen ? 'reconnecting' : 'connecting');
      if (source.readyState === CLOSED) {
        source.close();
        this.source = null;
        this.scheduleRetry();
      }
      // Otherwise the browser is already retrying on its own.
    };
    const deliver = (message: MessageEvent<string>) => {
      if (this.source === source) this.deliver(message.data);
    };
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, deliver);
    }
    source.addEventListener('message', deliver);
  }

  private deliver(data: string): void {
    let event: ProxdeckEvent;
    try {
      event = JSON.parse(data) as ProxdeckEvent;
    } catch {
      return; // A malformed frame is the gateway's bug; the next app.updated corrects the view.
    }
    if (event && typeof event === 'object' && EVENT_TYPES.includes(event.type)) {
      this.eventsSubject.next(event);
    }
  }

  private scheduleRetry(): void {
    const delay = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)];
    this.failures += 1;
    const generation = this.generation;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.reauthenticate().then(
        () => {
          if (generation === this.generation && !this.source) this.open();
        },
        // The gateway may still be down (a restart): try again later. A refused session ends in
        // /login, whose shell teardown disconnects, which the generation check sees.
        () => {
          if (generation === this.generation && !this.source) this.scheduleRetry();
        },
      );
    }, delay);
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }
}
