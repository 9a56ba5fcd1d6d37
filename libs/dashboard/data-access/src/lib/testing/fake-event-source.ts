import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import type { EnvironmentProviders, Provider } from '@angular/core';
import { EVENT_SOURCE_FACTORY, type EventSourceLike } from '../events/event-stream.service';

/** A scriptable EventSource: tests open it, push frames and fail it like the browser would. */
export class FakeEventSource implements EventSourceLike {
  static readonly instances: FakeEventSource[] = [];
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  static latest(): FakeEventSource {
    const last = FakeEventSource.instances.at(-1);
    if (!last) throw new Error('no EventSource was created');
    return last;
  }

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  emit(type: string, data: unknown): void {
    const event = new MessageEvent<string>(type, { data: typeof data === 'string' ? data : JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  /** The connection dropped; the browser will retry by itself. */
  drop(): void {
    this.readyState = 0;
    this.onerror?.(new Event('error'));
  }

  /** The browser gave up (e.g. a 401): no automatic retry. */
  fail(): void {
    this.readyState = 2;
    this.onerror?.(new Event('error'));
  }
}

/**
 * Providers for testing a store: HTTP answered through HttpTestingController, the event stream fed
 * by FakeEventSources (the list of earlier ones cleared).
 */
export function provideStoreTesting(): (Provider | EnvironmentProviders)[] {
  FakeEventSource.instances.length = 0;
  return [provideHttpClient(), provideHttpClientTesting(), { provide: EVENT_SOURCE_FACTORY, useValue: (url: string) => new FakeEventSource(url) }];
}
