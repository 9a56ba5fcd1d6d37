import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';

/** A labelled input with its hint and its error (shown next to it and announced with it). */
@Component({
  selector: 'pd-text-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="pd-field">
      <label [for]="fieldId()">{{ label() }}</label>
      <input
        #control
        class="pd-input"
        [id]="fieldId()"
        [type]="type()"
        [value]="value()"
        [attr.placeholder]="placeholder() || null"
        [attr.autocomplete]="autocomplete()"
        [attr.required]="required() ? '' : null"
        [attr.data-autofocus]="autofocus() ? '' : null"
        spellcheck="false"
        autocapitalize="off"
        [attr.aria-invalid]="error() ? 'true' : null"
        [attr.aria-describedby]="describedBy()"
        (input)="value.set(control.value)"
      />
      @if (hint()) {
        <p class="pd-field__hint" [id]="fieldId() + '-hint'">{{ hint() }}</p>
      }
      @if (error()) {
        <p class="pd-field__error" [id]="fieldId() + '-error'">{{ error() }}</p>
      }
    </div>
  `,
})
export class TextFieldComponent {
  readonly fieldId = input.required<string>();
  readonly label = input.required<string>();
  readonly value = model('');
  readonly type = input<'text' | 'password' | 'url' | 'number'>('text');
  readonly hint = input('');
  readonly error = input<string | undefined>(undefined);
  readonly placeholder = input('');
  readonly autocomplete = input('off');
  readonly required = input(false);
  readonly autofocus = input(false);

  protected readonly describedBy = computed(() => {
    const ids = [this.hint() ? `${this.fieldId()}-hint` : '', this.error() ? `${this.fieldId()}-error` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : null;
  });
}
