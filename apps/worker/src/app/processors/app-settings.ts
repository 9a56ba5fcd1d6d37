import { AppEntity, SecretBox } from '@proxdeck/server-database';
import { PROXDECK_TAG, normalizeTags, parseTags, proxdeckMarker } from '@proxdeck/server-proxmox';
import {
  CatalogTemplateError, deployInputValues, renderDevices, renderEntrypoint, renderEnv, type CatalogEntry,
} from '@proxdeck/shared-catalog';
import { OperationFailure } from './operation-failure';

/**
 * The container environment of an app: the catalog entry's env rendered for this app (inputs,
 * secrets, hostname), with the values a person set through configure on top. Appliance templates
 * configure themselves, so they get none: env is an OCI-image concept.
 */
export function appEnvironment(entry: CatalogEntry, app: AppEntity, secret: string): Record<string, string> {
  if (entry.runtime === 'template') return {};
  const rendered = renderEnv(entry.env, {
    input: deployInputValues(entry, app.inputs),
    secret: app.secretsEncrypted ? (JSON.parse(new SecretBox(secret).open(app.secretsEncrypted)) as Record<string, string>) : {},
    app: { hostname: app.hostname, ip: null, url: `/apps/${app.hostname}/` },
  });
  return { ...rendered, ...app.envOverrides };
}

/**
 * The container's `entrypoint` and passed-through devices (`dev0..`) from the catalog entry, rendered
 * from the app's inputs. A rendered device that is no device path (an input without a pattern) fails
 * the operation before anything is created.
 */
export function appContainerOptions(entry: CatalogEntry, app: AppEntity): { entrypoint?: string; dev?: Record<number, string> } {
  const inputs = deployInputValues(entry, app.inputs);
  try {
    const devices = renderDevices(entry, inputs);
    return {
      entrypoint: entry.runtime === 'oci' ? renderEntrypoint(entry, inputs) : undefined,
      dev: devices.length ? Object.fromEntries(devices.map((path, i) => [i, path])) : undefined,
    };
  } catch (err) {
    if (!(err instanceof CatalogTemplateError)) throw err;
    throw new OperationFailure(`The ${entry.name} entry cannot be set up with these inputs (${err.message}); deploy again with other values.`);
  }
}

/** The passed-through devices of a container config (`dev0: /dev/ttyACM0,gid=20` -> `{ 0: '...' }`), e.g. to carry them to a new container. */
export function containerDevices(config: Record<string, unknown>): Record<number, string> | undefined {
  const out: Record<number, string> = {};
  for (const [key, value] of Object.entries(config)) {
    const match = /^dev(\d+)$/.exec(key);
    if (match && typeof value === 'string') out[Number(match[1])] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The container description: who manages it, and the marker line that makes it this app's (adopted custom apps: their own name). */
export function appDescription(entry: CatalogEntry | null, app: AppEntity): string {
  return `Managed by Proxdeck: ${entry?.name ?? app.name} ${app.version}\n\n${proxdeckMarker(app.id)}`;
}

/** The container's tags with Proxdeck's own added (a clone inherits the source's, which may lack it). */
export function tagsWithProxdeck(tags: string | undefined): string {
  return normalizeTags([...parseTags(tags), PROXDECK_TAG]);
}

/** Same variables and values, whatever the order. */
export function sameEnv(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && b[k] === a[k]);
}
