import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal } from '@angular/core';
import { ButtonDirective } from '../button/button.directive';
import { DialogComponent } from '../dialog/dialog.component';

let nextConfirmId = 0;

/**
 * Asks before something that cannot be undone. With `requireText`, the person types it (e.g. the
 * hostname) before the confirm button works, so a slip of the mouse deletes nothing.
 */
@Component({
  selector: 'pd-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DialogComponent, ButtonDirective],
  template: `
    <pd-dialog [heading]="heading()" [open]="open()" (closed)="cancelled.emit()">
      <form (submit)="submit($event)">
        <p class="message">{{ message() }}</p>
        @if (requireText(); as expected) {
          <div class="pd-field">
            <label [for]="inputId">Type {{ expected }} to confirm</label>
            <input
              #confirmInput
              data-autofocus
              class="pd-input"
              [id]="inputId"
              autocomplete="off"
              autocapitalize="off"
              spellcheck="false"
              [value]="typed()"
              (input)="typed.set(confirmInput.value)"
            />
          </div>
        }
        <div class="pd-dialog__actions">
          <button pdButton type="button" (click)="cancelled.emit()">Cancel</button>
          <button pdButton [variant]="danger() ? 'danger' : 'primary'" type="submit" [disabled]="!canConfirm()">
            {{ confirmLabel() }}
          </button>
        </div>
      </form>
    </pd-dialog>
  `,
  styles: `.message { margin: 0 0 16px; }`,
})
export class ConfirmDialogComponent {
  readonly heading = input.required<string>();
  readonly message = input.required<string>();
  readonly confirmLabel = input('Confirm');
  readonly requireText = input<string | null>(null);
  readonly danger = input(true);
  readonly busy = input(false);
  readonly open = input(false);
  readonly confirmed = output<void>();
  readonly cancelled = output<void>();

  protected readonly inputId = `pd-confirm-input-${nextConfirmId++}`;
  protected readonly typed = signal('');
  protected readonly canConfirm = computed(() => {
    const expected = this.requireText();
    return !this.busy() && (!expected || this.typed().trim() === expected);
  });

  constructor() {
    // Each opening starts from an empty confirmation field.
    effect(() => {
      if (this.open()) this.typed.set('');
    });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.canConfirm()) this.confirmed.emit();
  }
}
