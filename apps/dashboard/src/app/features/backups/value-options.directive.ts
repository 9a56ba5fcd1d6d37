import { Directive, ElementRef, effect, inject, input } from '@angular/core';

/**
 * Appends one `<option>` a value to a `<select>` straight through the DOM, after the options of its
 * template, and selects `pdSelected`. A template view an option costs a 500-app console tens of ms
 * a view switch; native options cost about one.
 */
@Directive({ selector: 'select[pdValueOptions]' })
export class ValueOptionsDirective {
  readonly pdValueOptions = input.required<readonly string[]>();
  readonly pdSelected = input('');

  private readonly select: HTMLSelectElement = inject(ElementRef<HTMLSelectElement>).nativeElement;
  private added: HTMLOptionElement[] = [];

  constructor() {
    effect(() => {
      const values = this.pdValueOptions();
      for (const option of this.added) option.remove();
      this.added = values.map((value) => new Option(value, value));
      this.select.append(...this.added);
      this.select.value = this.pdSelected();
    });
  }
}
