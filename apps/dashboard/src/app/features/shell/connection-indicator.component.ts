import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { EventStream } from '@proxdeck/dashboard-data-access';

const LABELS = {
  idle: 'Offline',
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Offline, reconnecting…',
} as const;

/** Whether live updates are flowing; views may be stale while it says offline. */
@Component({
  selector: 'pd-connection-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-state]': 'stream.state()', 'aria-live': 'polite', title: 'Live updates from Proxdeck' },
  template: `<span class="dot" aria-hidden="true"></span>{{ label() }}`,
  styles: `
    :host {
      display: inline-flex; align-items: center; gap: 6px; font-size: 13px; font-weight: 600;
      padding: 3px 10px; border-radius: 999px; background: var(--pd-warning-soft); color: var(--pd-warning);
    }
    :host([data-state='open']) { background: var(--pd-success-soft); color: var(--pd-success); }
    .dot { width: 8px; height: 8px; border-radius: 50%; background: currentColor; }
  `,
})
export class ConnectionIndicatorComponent {
  protected readonly stream = inject(EventStream);
  protected readonly label = computed(() => LABELS[this.stream.state()]);
}
