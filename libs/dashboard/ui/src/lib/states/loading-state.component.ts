import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A spinner with words; polite live region so assistive tech hears that something is loading. */
@Component({
  selector: 'pd-loading-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'pd-state', 'aria-live': 'polite', 'aria-busy': 'true' },
  template: `<span class="pd-state__spinner" aria-hidden="true"></span><p class="pd-state__message">{{ label() }}</p>`,
  styleUrl: './state.css',
})
export class LoadingStateComponent {
  readonly label = input('Loading…');
}
