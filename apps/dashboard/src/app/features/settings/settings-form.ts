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
