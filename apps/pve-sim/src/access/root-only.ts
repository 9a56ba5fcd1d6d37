import type { AuthInfo } from '../auth/authenticate';
import { ApiError, paramError } from '../params/api-error';
import type { Params } from '../params/param-schema';
import { parsePropertyString } from '../params/property-string';
import type { SimContext } from '../sim-context';
import { ROOT } from './access-control';
import { permissionMessage } from './permission-check';

/**
 * What only `root@pam` itself may do. A `root@pam!token` is not root (SEMANTICS.md "API tokens"):
 * PVE compares the authenticated user id, which for a token includes `!tokenid`.
 */
export function isRoot(auth: AuthInfo): boolean {
  return auth.fullUser === ROOT;
}

/** 400 naming each root-only parameter a non-root caller gave (`skiplock`, vzdump's `dumpdir`...). */
export function refuseRootOnlyParams(auth: AuthInfo, params: Params, keys: readonly string[], text: string): void {
  if (isRoot(auth)) return;
  const given = keys.filter((k) => params[k] !== undefined);
  if (given.length > 0) throw paramError(Object.fromEntries(given.map((k) => [k, text])));
}

const rootOnly = (what: string): ApiError => new ApiError(403, permissionMessage(what));

/** `features` flags normalised to 1/0 like PVE's parser (`mount` is a list and stays as given). */
function featureMap(value: string | undefined): Map<string, string> {
  const map = value ? parsePropertyString(value) : new Map<string, string>();
  for (const [k, v] of map) if (k !== 'mount') map.set(k, ['1', 'true', 'yes', 'on'].includes(v) ? '1' : '0');
  return map;
}

/**
 * The root-only parts of `PVE::LXC::check_ct_modify_config_perm` for a create, restore or config
 * change: feature flags other than `nesting` (and any on a privileged CT), and `hookscript`.
 * Changing `nesting` needs `VM.Allocate` on the guest.
 */
export function checkRootOnlyConfig(
  sim: SimContext,
  auth: AuthInfo,
  vmid: number,
  change: { current?: string; next?: string; deleteFeatures?: boolean; hookscript?: boolean; unprivileged: boolean },
): void {
  if (isRoot(auth)) return;
  if (change.hookscript) throw rootOnly('changing the hookscript is only allowed for root@pam');
  if (change.next === undefined && !change.deleteFeatures) return;
  if (!change.unprivileged) throw rootOnly('changing feature flags for privileged container is only allowed for root@pam');
  const before = featureMap(change.current);
  const after = featureMap(change.next);
  // As PVE: a delete or a first setting changes every flag it names; otherwise values are compared.
  const changed = change.deleteFeatures
    ? [...before.keys()]
    : change.current === undefined
      ? [...after.keys()]
      : [...new Set([...before.keys(), ...after.keys()])].filter((k) => (before.get(k) ?? '0') !== (after.get(k) ?? '0'));
  if (changed.some((k) => k !== 'nesting')) throw rootOnly('changing feature flags (except nesting) is only allowed for root@pam');
  if (changed.includes('nesting') && !sim.access.has(auth.fullUser, `/vms/${vmid}`, ['VM.Allocate'], false)) {
    throw rootOnly(`/vms/${vmid}, VM.Allocate`);
  }
}
