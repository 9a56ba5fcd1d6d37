import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import { LiveSettings, SecretBox, SettingsEntity, type StoredSettings } from '@proxdeck/server-database';
import { PveClient, toUserMessage } from '@proxdeck/server-proxmox';
import { staticPoolProblems, type AppPolicyDto, type NetworkSettingsDto, type ProxmoxConnectionTestDto, type SettingsDto } from '@proxdeck/shared-contracts';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import type { AppPolicyBodyDto } from '../backups/dto/app-policy.dto';
import { backupPolicyProblems, mergePolicy } from '../backups/policy-rules';
import { DomainError } from '../problem/domain-error';
import type { NetworkSettingsBodyDto, TestProxmoxConnectionDto, UpdateSettingsDto } from './settings.dto';

const TEST_TIMEOUT_MS = 8000;
const SECRET_FOR_NEW_URL = 'Enter the token secret for this URL: a saved secret is only sent to the Proxmox URL it was saved for.';

/** Whether two Proxmox URLs name the same server (scheme, host and port): where a saved secret may go. */
function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

@Injectable()
export class SettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PROXDECK_CONFIG) private readonly config: ProxdeckConfig,
    private readonly secretBox: SecretBox,
    private readonly live: LiveSettings,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<SettingsDto> {
    await this.live.refresh();
    const row = await this.db.getRepository(SettingsEntity).findOneBy({ id: 1 });
    const pve = this.config.pve;
    return {
      proxmox: { url: pve.url, tokenId: pve.tokenId ?? null, tokenSecretSet: Boolean(pve.tokenSecret), verifyTls: pve.verifyTls },
      defaults: { storage: pve.storage ?? null, templateStorage: pve.templateStorage, backupStorage: pve.backupStorage ?? null, bridge: pve.bridge, network: pve.network },
      appsDomain: this.config.appsDomain ?? null,
      defaultPolicy: this.config.defaultPolicy,
      updatedAt: row?.updatedAt.toISOString() ?? null,
      updatedBy: row?.updatedBy ?? null,
    };
  }

  /** Saves the given values over the current ones and applies them in this process at once (others within seconds). */
  async update(body: UpdateSettingsDto, principal: Principal): Promise<SettingsDto> {
    const network = body.defaults?.network ? networkSettings(body.defaults.network) : undefined;
    await this.db.transaction(async (m) => {
      const repo = m.getRepository(SettingsEntity);
      const row = (await repo.findOne({ where: { id: 1 }, lock: { mode: 'pessimistic_write' } })) ?? repo.create({ id: 1, values: {}, secretsEncrypted: null });
      const values: StoredSettings = structuredClone(row.values);
      if (body.proxmox) {
        const { tokenSecret, ...connection } = body.proxmox;
        if (connection.url !== undefined && tokenSecret === undefined && !sameOrigin(connection.url, this.config.pve.url)) {
          throw DomainError.validation({ 'proxmox.tokenSecret': SECRET_FOR_NEW_URL });
        }
        values.proxmox = { ...values.proxmox, ...connection };
        if (tokenSecret !== undefined) row.secretsEncrypted = this.secretBox.seal(JSON.stringify({ tokenSecret }));
      }
      if (body.defaults) values.defaults = { ...values.defaults, ...body.defaults, network: network ?? values.defaults?.network };
      if (body.appsDomain !== undefined) values.appsDomain = body.appsDomain;
      if (body.defaultPolicy) values.defaultPolicy = this.nextDefaultPolicy(body.defaultPolicy);
      row.values = values;
      row.updatedBy = principal.username;
      await repo.save(row);
      const changed = { ...body, proxmox: body.proxmox ? { ...body.proxmox, tokenSecret: body.proxmox.tokenSecret !== undefined ? '(changed)' : undefined } : undefined };
      await this.audit.record({ actor: principal.username, action: 'settings.update', target: 'settings', details: changed }, m);
    });
    await this.live.refresh();
    return this.get();
  }

  /** The saved default policy with the given parts on top, checked like an app's (errors under `defaultPolicy.`). */
  private nextDefaultPolicy(body: AppPolicyBodyDto): AppPolicyDto {
    const next = mergePolicy(this.config.defaultPolicy, body);
    const errors = backupPolicyProblems(next.backup);
    if (Object.keys(errors).length > 0) {
      throw DomainError.validation(Object.fromEntries(Object.entries(errors).map(([field, message]) => [`defaultPolicy.${field}`, message])));
    }
    return next;
  }

  /**
   * Tries a connection (the saved one where fields are missing) without saving anything. The saved
   * secret (token secret or password) is only ever sent to the saved URL's origin: a test of
   * another URL needs its own.
   */
  async testProxmox(body: TestProxmoxConnectionDto): Promise<ProxmoxConnectionTestDto> {
    const saved = this.config.pve;
    const url = body.url ?? saved.url;
    const savedSecretsMayGo = sameOrigin(url, saved.url);
    const sameToken = body.tokenId === undefined || body.tokenId === saved.tokenId;
    const candidate = {
      url,
      tokenId: body.tokenId ?? saved.tokenId,
      tokenSecret: body.tokenSecret ?? (sameToken && savedSecretsMayGo ? saved.tokenSecret : undefined),
      username: body.tokenId === undefined ? saved.username : undefined,
      password: body.tokenId === undefined && savedSecretsMayGo ? saved.password : undefined,
      verifyTls: body.verifyTls ?? saved.verifyTls,
    };
    if (!candidate.tokenSecret && !candidate.password) {
      const message = sameToken && !savedSecretsMayGo ? SECRET_FOR_NEW_URL : 'Enter the token secret for this token id.';
      return { ok: false, message, version: null, nodes: [] };
    }
    const client = new PveClient(candidate, { requestTimeoutMs: TEST_TIMEOUT_MS });
    try {
      const version = await client.version();
      const nodes = (await client.nodes()).map((n) => n.node).sort();
      return { ok: true, message: `Connected to Proxmox VE ${version.version}: ${nodes.length} node${nodes.length === 1 ? '' : 's'} (${nodes.join(', ')}).`, version: version.version, nodes };
    } catch (e) {
      return { ok: false, message: toUserMessage(e), version: null, nodes: [] };
    } finally {
      client.close();
    }
  }
}

/** The network mode as stored: only the fields of its mode, a static pool checked (errors under `defaults.network.`). */
function networkSettings(body: NetworkSettingsBodyDto): NetworkSettingsDto {
  if (body.mode === 'dhcp') return { mode: 'dhcp' };
  const pool = { from: body.from ?? '', to: body.to ?? '', prefix: body.prefix ?? 0, gateway: body.gateway ?? '' };
  const problems = staticPoolProblems(pool);
  if (Object.keys(problems).length > 0) {
    throw DomainError.validation(Object.fromEntries(Object.entries(problems).map(([field, message]) => [`defaults.network.${field}`, message])));
  }
  return { mode: 'static', ...pool };
}
