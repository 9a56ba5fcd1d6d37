import { TestBed } from '@angular/core/testing';
import type { ProxdeckEvent } from '@proxdeck/shared-contracts';
import { FakeEventSource } from '../testing/fake-event-source';
import { anApp } from '../testing/fixtures';
import { EVENT_SOURCE_FACTORY, EVENT_STREAM_REAUTHENTICATE, EventStream } from './event-stream.service';

describe('EventStream', () => {
  let reauthenticate: jest.Mock<Promise<unknown>, []>;

  beforeEach(() => {
    FakeEventSource.instances.length = 0;
    reauthenticate = jest.fn(() => Promise.resolve());
    TestBed.configureTestingModule({
      providers: [
        { provide: EVENT_SOURCE_FACTORY, useValue: (url: string) => new FakeEventSource(url) },
        { provide: EVENT_STREAM_REAUTHENTICATE, useValue: reauthenticate },
      ],
    });
  });

  it('connects to the gateway event endpoint and reports when it is live', () => {
    const stream = TestBed.inject(EventStream);
    expect(stream.state()).toBe('idle');
    stream.connect();
    expect(FakeEventSource.latest().url).toBe('/api/v1/events');
    expect(stream.state()).toBe('connecting');
    FakeEventSource.latest().open();
    expect(stream.state()).toBe('open');
  });

  it('delivers named events parsed from their JSON data', () => {
    const stream = TestBed.inject(EventStream);
    const received: ProxdeckEvent[] = [];
    stream.events.subscribe((event) => received.push(event));
    stream.connect();
    const source = FakeEventSource.latest();
    source.open();
    const updated: ProxdeckEvent = { type: 'app.updated', app: anApp() };
    source.emit('app.updated', updated);
    source.emit('app.deleted', { type: 'app.deleted', appId: 'app-1' });
    source.emit('app.updated', 'not json');
    expect(received).toEqual([updated, { type: 'app.deleted', appId: 'app-1' }]);
  });

  it('shows reconnecting while the browser retries and announces the resume', () => {
    const stream = TestBed.inject(EventStream);
    let resumed = 0;
    stream.resumed.subscribe(() => resumed++);
    stream.connect();
    const source = FakeEventSource.latest();
    source.open();
    source.drop();
    expect(stream.state()).toBe('reconnecting');
    expect(FakeEventSource.instances).toHaveLength(1);
    source.open();
    expect(stream.state()).toBe('open');
    expect(resumed).toBe(1);
  });

  it('re-authenticates and opens a new connection when the browser gives up', async () => {
    jest.useFakeTimers();
    try {
      const stream = TestBed.inject(EventStream);
      stream.connect();
      const first = FakeEventSource.latest();
      first.open();
      first.fail();
      expect(first.closed).toBe(true);
      expect(stream.state()).toBe('reconnecting');
      await jest.advanceTimersByTimeAsync(1_000);
      expect(reauthenticate).toHaveBeenCalledTimes(1);
      expect(FakeEventSource.instances).toHaveLength(2);
      FakeEventSource.latest().open();
      expect(stream.state()).toBe('open');
      stream.disconnect();
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps retrying while the gateway cannot be reached, and stops once disconnected', async () => {
    jest.useFakeTimers();
    try {
      reauthenticate.mockRejectedValueOnce(new Error('unreachable')).mockRejectedValueOnce(new Error('unreachable'));
      const stream = TestBed.inject(EventStream);
      stream.connect();
      FakeEventSource.latest().open();
      FakeEventSource.latest().fail();
      await jest.advanceTimersByTimeAsync(1_000 + 2_000);
      expect(FakeEventSource.instances).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(5_000);
      expect(reauthenticate).toHaveBeenCalledTimes(3);
      expect(FakeEventSource.instances).toHaveLength(2);
      FakeEventSource.latest().open();
      expect(stream.state()).toBe('open');
      FakeEventSource.latest().fail();
      reauthenticate.mockRejectedValue(new Error('unreachable'));
      stream.disconnect();
      await jest.advanceTimersByTimeAsync(60_000);
      expect(FakeEventSource.instances).toHaveLength(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('stops listening on disconnect, including a retry that was pending', async () => {
    jest.useFakeTimers();
    try {
      const stream = TestBed.inject(EventStream);
      stream.connect();
      FakeEventSource.latest().fail();
      stream.disconnect();
      await jest.advanceTimersByTimeAsync(60_000);
      expect(FakeEventSource.instances).toHaveLength(1);
      expect(stream.state()).toBe('idle');
    } finally {
      jest.useRealTimers();
    }
  });
});
