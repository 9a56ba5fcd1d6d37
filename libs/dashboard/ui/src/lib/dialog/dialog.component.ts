import { ChangeDetectionStrategy, Component, ElementRef, effect, input, output, viewChild } from '@angular/core';

let nextDialogId = 0;

/**
 * A modal on the native <dialog>: the browser traps focus, makes the page behind inert, closes on
 * Escape and returns focus to the opener. The parent owns `open`; `closed` reports any way of closing.
 */
@Component({
  selector: 'pd-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog class="pd-dialog" [attr.aria-labelledby]="titleId" (close)="closed.emit()">
      <div class="pd-dialog__header">
        <h2 class="pd-dialog__title" [id]="titleId">{{ heading() }}</h2>
        <button type="button" class="pd-button pd-button--ghost pd-button--small" aria-label="Close" (click)="dismiss()">
          <span aria-hidden="true">✕</span>
        </button>
      </div>
      <div class="pd-dialog__body">
        <ng-content />
      </div>
    </dialog>
  `,
})
export class DialogComponent {
  readonly heading = input.required<string>();
  readonly open = input(false);
  readonly closed = output<void>();

  protected readonly titleId = `pd-dialog-title-${nextDialogId++}`;
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  constructor() {
    effect(() => {
      const element = this.dialog().nativeElement;
      if (this.open() && !element.open) {
        showModal(element);
      } else if (!this.open() && element.open) {
        close(element);
      }
    });
  }

  dismiss(): void {
    close(this.dialog().nativeElement);
  }
}

// jsdom (unit tests) lacks showModal/close; the attribute and event keep behaviour observable there.
function showModal(element: HTMLDialogElement): void {
  if (typeof element.showModal === 'function') {
    element.showModal();
  } else {
    element.setAttribute('open', '');
  }
}

function close(element: HTMLDialogElement): void {
  if (typeof element.close === 'function') {
    element.close();
  } else if (element.hasAttribute('open')) {
    element.removeAttribute('open');
    element.dispatchEvent(new Event('close'));
  }
}
