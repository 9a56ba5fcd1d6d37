import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, InjectionToken, computed, inject, signal } from '@angular/core';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Where the choice is kept: this browser only (a theme is about the screen, not the account). */
export const THEME_STORAGE = new InjectionToken<Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>>('THEME_STORAGE', {
  providedIn: 'root',
  factory: () => globalThis.localStorage,
});

const THEME_KEY = 'pd_theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function isTheme(value: string | null): value is Theme {
  return value !== null && (THEMES as readonly string[]).includes(value);
}

/**
 * Light, dark or as the operating system says. A chosen theme sets `data-theme` on <html>, which
 * theme.css reads; `system` removes it so the `prefers-color-scheme` query decides.
 */
@Injectable({ providedIn: 'root' })
export class ThemePreference {
  private readonly storage = inject(THEME_STORAGE);
  private readonly root = inject(DOCUMENT).documentElement;
  private readonly systemDark = signal(false);

  readonly theme = signal<Theme>('system');
  /** The theme actually on screen, e.g. for charts that draw their own colours. */
  readonly effective = computed<'light' | 'dark'>(() => {
    const theme = this.theme();
    if (theme !== 'system') return theme;
    return this.systemDark() ? 'dark' : 'light';
  });

  constructor() {
    const stored = this.storage.getItem(THEME_KEY);
    if (isTheme(stored)) this.theme.set(stored);
    const media = typeof globalThis.matchMedia === 'function' ? globalThis.matchMedia(DARK_QUERY) : null;
    if (media) {
      this.systemDark.set(media.matches);
      const listener = (event: MediaQueryListEvent) => this.systemDark.set(event.matches);
      media.addEventListener('change', listener);
      inject(DestroyRef).onDestroy(() => media.removeEventListener('change', listener));
    }
    this.apply();
  }

  set(theme: Theme): void {
    this.theme.set(theme);
    if (theme === 'system') this.storage.removeItem(THEME_KEY);
    else this.storage.setItem(THEME_KEY, theme);
    this.apply();
  }

  // Set at once (not in an effect), so the first paint already has the chosen colours.
  private apply(): void {
    const theme = this.theme();
    if (theme === 'system') this.root.removeAttribute('data-theme');
    else this.root.setAttribute('data-theme', theme);
  }
}
