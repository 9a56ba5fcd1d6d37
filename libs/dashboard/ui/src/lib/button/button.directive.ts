import { Directive, computed, input } from '@angular/core';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

/** Styles a native <button> or <a>, which keep their own semantics and keyboard behaviour. */
@Directive({
  selector: 'button[pdButton], a[pdButton]',
  host: { '[class]': 'classes()' },
})
export class ButtonDirective {
  readonly variant = input<ButtonVariant>('secondary');
  readonly size = input<'normal' | 'small'>('normal');

  protected readonly classes = computed(() => {
    const classes = ['pd-button', `pd-button--${this.variant()}`];
    if (this.size() === 'small') classes.push('pd-button--small');
    return classes.join(' ');
  });
}
