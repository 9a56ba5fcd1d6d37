import type { DataSource } from 'typeorm';
import type { PveSettings, ProxdeckConfig } from '@proxdeck/server-config';
import { SettingsEntity } from './entities';
import type { SecretBox } from './secret-box';

type LiveFields = Pick<ProxdeckConfig, 'pve' | 'appsDomain' | 'defaultPolicy'>;

/**
 * Keeps `config.pve`, `config.appsDomain` and `config.defaultPolicy` equal to the environment's
 * values overlaid with what an admin saved under Settings, in every process (gateway and workers
 * poll the one settings row). When the Proxmox connection changes, `onConnectionChange` repoints
 * the process's Proxmox client.
 */
export class LiveSettings {
  private readonly fromEnvironment: LiveFields;
  private seen: number | null = null;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: DataSource,
    private readonly config: ProxdeckConfig,
    private readonly secretBox: SecretBox,
    private readonly onConnectionChange: (pve: PveSettings) => void,
    /** After any change (e.g. the worker re-syncs backup schedules that follow the default policy). */
    private readonly onChange?: () => Promise<void>,
  ) {
    this.fromEnvironment = structuredClone({ pve: config.pve, appsDomain: config.appsDomain, defaultPolicy: config.defaultPolicy });
  }

  /** Reads the settings row and applies it when it changed since the last look; true when it did. */
  async refresh(): Promise<boolean> {
    const changed = await this.apply();
    if (changed) await this.onChange?.();
    return changed;
  }

  private async apply(): Promise<boolean> {
    const row = await this.db.getRepository(SettingsEntity).findOneBy({ id: 1 });
    const stamp = row ? row.updatedAt.getTime() : null;
    if (stamp === this.seen) return false;
    this.seen = stamp;
    const before = connectionKey(this.config.pve);
    const effective = effectiveSettings(this.fromEnvironment, row, this.secretBox);
    // In place: code that holds `config.pve` sees the change too.
    Object.assign(this.config.pve, effective.pve);
    this.config.appsDomain = effective.appsDomain;
    this.config.defaultPolicy = effective.defaultPolicy;
    if (connectionKey(this.config.pve) !== before) this.onConnectionChange(this.config.pve);
    return true;
  }

  /** Polls every `intervalMs` (timer unref'd: it never keeps a process alive). */
  start(intervalMs: number, onError: (e: unknown) => void): void {
    this.timer = setInterval(() => void this.refresh().catch(onError), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** The environment's values with the saved ones on top; a saved token replaces a password login. */
export function effectiveSettings(env: LiveFields, row: SettingsEntity | null, secretBox: SecretBox): LiveFields {
  const saved = row?.values ?? {};
  const secrets = row?.secretsEncrypted ? (JSON.parse(secretBox.open(row.secretsEncrypted)) as { tokenSecret?: string }) : {};
  const pve: PveSettings = { ...env.pve };
  if (saved.proxmox?.url !== undefined) pve.url = saved.proxmox.url;
  if (saved.proxmox?.verifyTls !== undefined) pve.verifyTls = saved.proxmox.verifyTls;
  if (saved.proxmox?.tokenId !== undefined) {
    pve.tokenId = saved.proxmox.tokenId;
    pve.username = undefined;
    pve.password = undefined;
  }
  if (secrets.tokenSecret !== undefined) pve.tokenSecret = secrets.tokenSecret;
  const d = saved.defaults ?? {};
  if (d.storage !== undefined) pve.storage = d.storage ?? undefined;
  if (d.templateStorage !== undefined) pve.templateStorage = d.templateStorage;
  if (d.backupStorage !== undefined) pve.backupStorage = d.backupStorage ?? undefined;
  if (d.bridge !== undefined) pve.bridge = d.bridge;
  if (d.network !== undefined) pve.network = d.network;
  return {
    pve,
    appsDomain: saved.appsDomain !== undefined ? (saved.appsDomain ?? undefined) : env.appsDomain,
    defaultPolicy: saved.defaultPolicy ?? env.defaultPolicy,
  };
}

function connectionKey(p: PveSettings): string {
  return JSON.stringify([p.url, p.tokenId, p.tokenSecret, p.username, p.password, p.verifyTls]);
}
