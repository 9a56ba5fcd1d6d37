import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, effect, inject, input, output, viewChild } from '@angular/core';

let nextDialogId = 0;

/**
 * A modal on the native <dialog>: the browser traps focus, makes the page behind inert, closes on
 * Escape and returns focus to the opener. The parent owns `open`; `closed` reports any way of closing.
 * Content may mark the element to focus first with `data-autofocus`.
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
  private readonly injector = inject(Injector);

  constructor() {
    effect(() => {
      const element = this.dialog().nativeElement;
      if (this.open() && !element.open) {
        showModal(element);
        // The browser focuses the first focusable (the close button); the first field is more useful.
        // Not `autofocus`: focusing an input while the opening Enter key is still being handled
        // would submit the form at once.
        afterNextRender(() => element.querySelector<HTMLElement>('[data-autofocus]')?.focus(), { injector: this.injector });
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
