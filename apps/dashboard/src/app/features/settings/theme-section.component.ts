import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ThemePreference, THEMES, type Theme } from '@proxdeck/dashboard-ui';

const LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** Light, dark, or as the operating system says; kept in this browser. */
@Component({
  selector: 'pd-theme-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="pd-card" aria-labelledby="theme-heading">
      <h2 id="theme-heading" class="section__title">Theme</h2>
      <fieldset class="choices">
        <legend class="pd-visually-hidden">Theme</legend>
        @for (option of options; track option.value) {
          <label class="choice">
            <input type="radio" name="theme" [value]="option.value" [checked]="theme.theme() === option.value" (change)="theme.set(option.value)" />
            {{ option.label }}
          </label>
        }
      </fieldset>
      <p class="pd-field__hint">System follows your operating system's light or dark setting. Kept in this browser.</p>
    </section>
  `,
  styles: `
    .choices { border: 0; margin: 0 0 8px; padding: 0; display: flex; flex-wrap: wrap; gap: 8px 24px; }
    .choice { display: flex; align-items: center; gap: 8px; font-weight: 600; font-size: 14px; cursor: pointer; }
  `,
})
export class ThemeSectionComponent {
  protected readonly theme = inject(ThemePreference);
  protected readonly options = THEMES.map((value) => ({ value, label: LABELS[value] }));
}
