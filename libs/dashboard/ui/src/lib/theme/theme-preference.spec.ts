import { TestBed } from '@angular/core/testing';
import { THEME_STORAGE, ThemePreference } from './theme-preference';

function storage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  };
}

describe('ThemePreference', () => {
  afterEach(() => document.documentElement.removeAttribute('data-theme'));

  it('brings back the stored theme and puts it on <html> before the first paint', () => {
    TestBed.configureTestingModule({ providers: [{ provide: THEME_STORAGE, useValue: storage({ pd_theme: 'dark' }) }] });
    const theme = TestBed.inject(ThemePreference);
    expect(theme.theme()).toBe('dark');
    expect(theme.effective()).toBe('dark');
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
  });

  it('stores a chosen theme, and "system" forgets it so the operating system decides', () => {
    const stored = storage();
    TestBed.configureTestingModule({ providers: [{ provide: THEME_STORAGE, useValue: stored }] });
    const theme = TestBed.inject(ThemePreference);
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);

    theme.set('light');
    expect(stored.values.get('pd_theme')).toBe('light');
    expect(document.documentElement.getAttribute('data-theme')).toBe('light');

    theme.set('system');
    expect(stored.values.has('pd_theme')).toBe(false);
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
  });

  it('ignores a stored value that is no theme', () => {
    TestBed.configureTestingModule({ providers: [{ provide: THEME_STORAGE, useValue: storage({ pd_theme: 'purple' }) }] });
    expect(TestBed.inject(ThemePreference).theme()).toBe('system');
  });
});
