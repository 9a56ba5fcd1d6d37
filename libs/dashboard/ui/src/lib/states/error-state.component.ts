import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { ButtonDirective } from '../button/button.directive';

/** A failed load: what went wrong, and a way to try again. */
@Component({
  selector: 'pd-error-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ButtonDirective],
  host: { class: 'pd-state pd-state--error', role: 'alert' },
  template: `
    <h2 class="pd-state__heading">{{ heading() }}</h2>
    <p class="pd-state__message">{{ message() }}</p>
    <button pdButton type="button" (click)="retry.emit()">Try again</button>
  `,
  styleUrl: './state.css',
})
export class ErrorStateComponent {
  readonly heading = input('Something went wrong');
  readonly message = input.required<string>();
  readonly retry = output<void>();
}
