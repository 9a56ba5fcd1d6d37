import { accessCookieDomain } from './auth-cookies';

describe('accessCookieDomain', () => {
  it('shares the access cookie with app hosts when the dashboard is served from the apps domain', () => {
    expect(accessCookieDomain('proxdeck.lan:3000', 'proxdeck.lan')).toBe('proxdeck.lan');
    expect(accessCookieDomain('Console.Proxdeck.lan', 'proxdeck.lan')).toBe('proxdeck.lan');
  });

  it('keeps it host-only anywhere else, and without an apps domain', () => {
    expect(accessCookieDomain('192.168.1.5:3000', 'proxdeck.lan')).toBeUndefined();
    expect(accessCookieDomain('notproxdeck.lan', 'proxdeck.lan')).toBeUndefined();
    expect(accessCookieDomain('proxdeck.lan', undefined)).toBeUndefined();
    expect(accessCookieDomain(undefined, 'proxdeck.lan')).toBeUndefined();
  });
});
