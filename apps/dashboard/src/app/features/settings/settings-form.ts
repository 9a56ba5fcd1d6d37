import type { ProblemDetails, SettingsDto, UpdateSettingsRequest } from '@proxdeck/shared-contracts';

/**
 * The server names bad fields by path (`proxmox.url`, `defaults.bridge`, `appsDomain`); a form
 * wants its own fields' messages. `prefix` picks one group and drops its name.
 */
export function fieldErrors(problem: ProblemDetails | null, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(problem?.errors ?? {})) {
    if (!prefix) out[path] = message;
    else if (path.startsWith(`${prefix}.`)) out[path.slice(prefix.length + 1)] = message;
  }
  return out;
}

export interface ConnectionValues {
  url: string;
  tokenId: string;
  /** Empty: keep the saved secret. */
  tokenSecret: string;
  verifyTls: boolean;
}

export function connectionValues(settings: SettingsDto): ConnectionValues {
  return { url: settings.proxmox.url, tokenId: settings.proxmox.tokenId ?? '', tokenSecret: '', verifyTls: settings.proxmox.verifyTls };
}

/** Only what is filled in: an empty secret field never erases the saved secret. */
export function toConnectionRequest(values: ConnectionValues): NonNullable<UpdateSettingsRequest['proxmox']> {
  return {
    url: values.url.trim(),
    ...(values.tokenId.trim() ? { tokenId: values.tokenId.trim() } : {}),
    ...(values.tokenSecret ? { tokenSecret: values.tokenSecret } : {}),
    verifyTls: values.verifyTls,
  };
}

export interface DefaultsValues {
  storage: string;
  templateStorage: string;
  backupStorage: string;
  bridge: string;
  appsDomain: string;
}

export function defaultsValues(settings: SettingsDto): DefaultsValues {
  return {
    storage: settings.defaults.storage ?? '',
    templateStorage: settings.defaults.templateStorage,
    backupStorage: settings.defaults.backupStorage ?? '',
    bridge: settings.defaults.bridge,
    appsDomain: settings.appsDomain ?? '',
  };
}

/** Empty optional fields mean "choose automatically" (null), as the API documents. */
export function toDefaultsRequest(values: DefaultsValues): UpdateSettingsRequest {
  const orNull = (value: string) => value.trim() || null;
  return {
    defaults: {
      storage: orNull(values.storage),
      templateStorage: values.templateStorage.trim(),
      backupStorage: orNull(values.backupStorage),
      bridge: values.bridge.trim(),
    },
    appsDomain: orNull(values.appsDomain),
  };
}

// The gateway's own rules (apps/gateway settings.dto.ts, user.dto.ts), checked before sending so a
// slip is named at once; the gateway checks again and its answer is shown the same way.
const URL_PATTERN = /^https?:\/\/[A-Za-z0-9.[\]:-]+(:\d{1,5})?\/?$/;
const TOKEN_ID_PATTERN = /^[A-Za-z0-9._-]+@[A-Za-z0-9._-]+![A-Za-z0-9._-]+$/;
const STORAGE_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;
const BRIDGE_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,14}$/;
const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const USERNAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export function validateConnection(values: ConnectionValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!URL_PATTERN.test(values.url.trim())) errors['url'] = 'must be the Proxmox address, e.g. https://pve.example.lan:8006';
  if (values.tokenId.trim() && !TOKEN_ID_PATTERN.test(values.tokenId.trim())) errors['tokenId'] = 'must look like user@realm!tokenname';
  return errors;
}

export function validateDefaults(values: DefaultsValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const storage = 'must be a Proxmox storage id';
  if (values.storage.trim() && !STORAGE_PATTERN.test(values.storage.trim())) errors['storage'] = storage;
  if (!STORAGE_PATTERN.test(values.templateStorage.trim())) errors['templateStorage'] = storage;
  if (values.backupStorage.trim() && !STORAGE_PATTERN.test(values.backupStorage.trim())) errors['backupStorage'] = storage;
  if (!BRIDGE_PATTERN.test(values.bridge.trim())) errors['bridge'] = 'must be a Linux bridge name, e.g. vmbr0';
  if (values.appsDomain.trim() && !DOMAIN_PATTERN.test(values.appsDomain.trim())) errors['appsDomain'] = 'must be a lowercase DNS domain, e.g. apps.example.lan';
  return errors;
}

export function validateNewUser(username: string, password: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!USERNAME_PATTERN.test(username.trim())) errors['username'] = 'use 1-64 letters, digits, dots, dashes or underscores';
  const passwordError = validatePassword(password);
  if (passwordError) errors['password'] = passwordError;
  return errors;
}

export function validatePassword(password: string): string | null {
  if (password.length < 8) return 'must be at least 8 characters';
  return password.length > 256 ? 'must be at most 256 characters' : null;
}
