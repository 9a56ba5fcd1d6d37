import { CatalogTemplateError, renderTemplate } from './catalog-template';

/**
 * Container options beyond env (CATALOG.md): the OCI `entrypoint` and host devices passed through
 * (`dev[n]`, PVE 9.1). Both are rendered from the app's inputs only: they are set when the
 * container is created, copied by clone and restore, and must not change with the hostname.
 */

/** A device node on the host: `/dev/ttyACM0`, `/dev/serial/by-id/usb-...`. No `,` (it would add PVE options) and no `..`. */
export const DEVICE_PATH_PATTERN = /^\/dev\/[A-Za-z0-9_.:+-]+(?:\/[A-Za-z0-9_.:+-]+)*$/;

/**
 * No control character but TAB. PVE's own `entrypoint` pattern (apidoc 9.1,
 * `[^\x00-\x08\x10-\x1F\x7F]+`) leaves \x0A-\x0F out of its range, so LF, VT, FF and CR pass
 * Proxmox's check; a line break in a config value is never what a catalog entry means, so
 * Proxdeck refuses them itself.
 */
// eslint-disable-next-line no-control-regex
export const ENTRYPOINT_PATTERN = /^[^\x00-\x08\x0a-\x1f\x7f]+$/;

/** Suffix of the extra secret a `bcrypt: true` secret gets: `{{secret.password_bcrypt}}`. */
export const BCRYPT_SECRET_SUFFIX = '_bcrypt';

/** Cost of the bcrypt hashes generated for `bcrypt: true` secrets (what apps like wg-easy document). */
export const BCRYPT_SECRET_COST = 10;

export function bcryptSecretKey(key: string): string {
  return `${key}${BCRYPT_SECRET_SUFFIX}`;
}

/** Why `path` cannot be passed through as a device, or null. */
export function devicePathProblem(path: string): string | null {
  if (!DEVICE_PATH_PATTERN.test(path) || path.split('/').some((seg) => seg === '..' || seg === '.')) {
    return `"${path}" is not a device path like /dev/ttyACM0 (letters, digits, _ . : + - and "/" below /dev/)`;
  }
  return null;
}

const inputsOnly = (input: Readonly<Record<string, string>>) => ({ input, secret: {}, app: { hostname: '', ip: null, url: null } });

/** The entry's entrypoint for an app with these input values, or undefined when the image's own is used. */
export function renderEntrypoint(entry: { entrypoint?: string }, input: Readonly<Record<string, string>>): string | undefined {
  if (entry.entrypoint === undefined) return undefined;
  let rendered: string;
  try {
    rendered = renderTemplate(entry.entrypoint, inputsOnly(input));
  } catch (err) {
    if (err instanceof CatalogTemplateError) throw new CatalogTemplateError(`entrypoint: ${err.message}`, err.reference);
    throw err;
  }
  // An input's value may hold what the entry's own text may not.
  if (!ENTRYPOINT_PATTERN.test(rendered)) throw new CatalogTemplateError('entrypoint: an input put a control character into it', null);
  return rendered;
}

/** The device paths to pass through, in order (`dev0`, `dev1`, ...). Throws CatalogTemplateError naming a bad value. */
export function renderDevices(entry: { devices: readonly { path: string }[] }, input: Readonly<Record<string, string>>): string[] {
  return entry.devices.map((device, i) => {
    let path: string;
    try {
      path = renderTemplate(device.path, inputsOnly(input));
    } catch (err) {
      if (err instanceof CatalogTemplateError) throw new CatalogTemplateError(`devices.${i}.path: ${err.message}`, err.reference);
      throw err;
    }
    const problem = devicePathProblem(path);
    if (problem) throw new CatalogTemplateError(`devices.${i}.path: ${problem}`, null);
    return path;
  });
}
