/** Every container Proxdeck creates carries this tag, so orphans can be found. */
export const PROXDECK_TAG = 'proxdeck';

const MARKER_KEY = 'proxdeck-app-id';
const MARKER_LINE = /^proxdeck-app-id:[ \t]*([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})[ \t]*$/m;

/**
 * The description line naming the app that owns a container: `proxdeck-app-id: <uuid>`.
 * PVE keeps the description as free text (a config comment), so one line survives user edits
 * around it.
 */
export function proxdeckMarker(appId: string): string {
  if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(appId)) {
    throw new Error(`app id must be a UUID, got ${JSON.stringify(appId)}`);
  }
  return `${MARKER_KEY}: ${appId.toLowerCase()}`;
}

/** The app id from a container description, or null when it carries no marker. */
export function parseProxdeckMarker(description: string | undefined | null): string | null {
  if (!description) return null;
  const match = MARKER_LINE.exec(description.replace(/\r\n?/g, '\n'));
  return match ? match[1].toLowerCase() : null;
}

/** A description with the marker set (replacing any old marker), keeping the user's text. */
export function withProxdeckMarker(description: string | undefined, appId: string): string {
  const rest = (description ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => !line.startsWith(`${MARKER_KEY}:`))
    .join('\n')
    .trim();
  return rest ? `${rest}\n\n${proxdeckMarker(appId)}` : proxdeckMarker(appId);
}
