import { paramError } from '../params/api-error';
import { verifyUsername } from './access-control';
import { ALL_PRIVS } from './privileges';

/** A format check: why the value does not fit, or undefined. */
export type FormatCheck = (value: string) => string | undefined;

/** pve-common `src/PVE/ParseUtils.pm` `split_list`: `,`, `;` and white space separate. */
export const splitList = (text: string | undefined): string[] => (text ?? '').split(/[,;\s]+/).filter((s) => s !== '');

/** `pve-userid` (pve-access-control `src/PVE/Auth/Plugin.pm` `verify_username` L121-146). */
export const userFormat: FormatCheck = verifyUsername;

/** `pve-roleid` (`src/PVE/AccessControl.pm` `verify_rolename` L1338-1349). */
export const roleFormat: FormatCheck = (r) => (/^[A-Za-z0-9.\-_]+$/.test(r) ? undefined : `role name '${r}' contains invalid characters`);

/** `pve-priv` (AccessControl.pm `verify_privname` L1374-1384). */
export const privFormat: FormatCheck = (p) => (ALL_PRIVS.includes(p) ? undefined : `invalid privilege '${p}'`);

/** `pve-groupid` (AccessControl.pm `verify_groupname` L1323-1334, Plugin.pm `$groupname_regex` L36). */
export const groupFormat: FormatCheck = (g) => (/^[A-Za-z0-9.\-_]+$/.test(g) ? undefined : `group name '${g}' contains invalid characters`);

/** `$token_full_regex` (AccessControl.pm L283-284). */
export const TOKEN_FULL_RE = /^([^\s:/]+@[A-Za-z][A-Za-z0-9.\-_]+)!([A-Za-z][A-Za-z0-9.\-_]+)$/;

/** `pve-tokenid` (AccessControl.pm `pve_verify_tokenid` L312-322). */
export const tokenFormat: FormatCheck = (t) => (TOKEN_FULL_RE.test(t) ? undefined : `value '${t}' does not look like a valid token ID`);

/** `pve-configid` (pve-common `src/PVE/JSONSchema.pm` `pve_verify_configid` L254-262). */
export const configidFormat: FormatCheck = (id) => (/^[a-z][a-z0-9_-]+$/i.test(id) ? undefined : `invalid configuration ID '${id}'`);

/** A `-list` format (JSONSchema.pm `check_format` L998-1004): each element, empty lists allowed. */
export const listOf =
  (check: FormatCheck): FormatCheck =>
  (text) => {
    for (const v of splitList(text)) {
      const problem = check(v);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };

/**
 * The `format` checks of a method's parameters (JSONSchema.pm L1627-1633): every failing one as
 * `invalid format - <why>`, in one 400. The sim's schema validator runs before; these come after it.
 */
export function checkFormats(checks: Record<string, [value: string | undefined, check: FormatCheck]>): void {
  const errors: Record<string, string> = {};
  for (const [key, [value, check]] of Object.entries(checks)) {
    const problem = value === undefined ? undefined : check(value);
    if (problem !== undefined) errors[key] = `invalid format - ${problem}\n`;
  }
  if (Object.keys(errors).length > 0) throw paramError(errors);
}
