import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Says there is nothing here yet and, through projected content, what to do about it. */
@Component({
  selector: 'pd-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'pd-state' },
  template: `
    <h2 class="pd-state__heading">{{ heading() }}</h2>
    @if (message()) {
      <p class="pd-state__message">{{ message() }}</p>
    }
    <ng-content />
  `,
  styleUrl: './state.css',
})
export class EmptyStateComponent {
  readonly heading = input.required<string>();
  readonly message = input<string>('');
}
