import { TestBed } from '@angular/core/testing';
import { EventStream } from '@proxdeck/dashboard-data-access';
import { ConnectionIndicatorComponent } from './connection-indicator.component';

describe('ConnectionIndicatorComponent', () => {
  it('says whether live updates flow, in words', async () => {
    const fixture = TestBed.createComponent(ConnectionIndicatorComponent);
    const stream = TestBed.inject(EventStream);
    const text = () => (fixture.nativeElement as HTMLElement).textContent?.trim();

    stream.state.set('open');
    await fixture.whenStable();
    expect(text()).toBe('Live');

    stream.state.set('reconnecting');
    await fixture.whenStable();
    expect(text()).toBe('Offline, reconnecting…');
    expect((fixture.nativeElement as HTMLElement).dataset['state']).toBe('reconnecting');
  });
});
