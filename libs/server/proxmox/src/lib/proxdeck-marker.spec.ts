import { PROXDECK_TAG, parseProxdeckMarker, proxdeckMarker, withProxdeckMarker } from './proxdeck-marker';

const APP_ID = '3f1c2b7e-9d4a-4c1e-8f00-123456789abc';

describe('proxdeck marker', () => {
  it('round-trips an app id through a description', () => {
    expect(proxdeckMarker(APP_ID)).toBe(`proxdeck-app-id: ${APP_ID}`);
    expect(parseProxdeckMarker(proxdeckMarker(APP_ID))).toBe(APP_ID);
  });

  it('finds the marker among user text, with CRLF line ends and upper-case ids', () => {
    const description = `My blog\r\nowner: alice\r\nproxdeck-app-id: ${APP_ID.toUpperCase()}\r\n`;
    expect(parseProxdeckMarker(description)).toBe(APP_ID);
  });

  it('returns null when there is no marker or it is malformed', () => {
    expect(parseProxdeckMarker(undefined)).toBeNull();
    expect(parseProxdeckMarker('')).toBeNull();
    expect(parseProxdeckMarker('proxdeck-app-id: not-a-uuid')).toBeNull();
    expect(parseProxdeckMarker(`see proxdeck-app-id: ${APP_ID}`)).toBeNull();
  });

  it('replaces an older marker and keeps the user text', () => {
    const other = '00000000-0000-4000-8000-000000000000';
    const updated = withProxdeckMarker(`notes\nproxdeck-app-id: ${other}`, APP_ID);
    expect(updated).toBe(`notes\n\nproxdeck-app-id: ${APP_ID}`);
    expect(parseProxdeckMarker(updated)).toBe(APP_ID);
    expect(withProxdeckMarker(undefined, APP_ID)).toBe(`proxdeck-app-id: ${APP_ID}`);
  });

  it('refuses a non-UUID app id', () => {
    expect(() => proxdeckMarker('app-1')).toThrow(/UUID/);
  });

  it('tags containers with "proxdeck"', () => {
    expect(PROXDECK_TAG).toBe('proxdeck');
  });
});
