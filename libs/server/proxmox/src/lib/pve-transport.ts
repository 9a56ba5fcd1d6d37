import { ProxmoxEngine, type ProxmoxEngineOptions } from 'proxmox-api';
import {
  classifyPveError,
  findNetworkCause,
  NETWORK_FAILURE_STATUS,
  NETWORK_FAILURE_TEXT,
  networkFailureBody,
} from './classify-pve-error';
import { createNodeFetch, type NodeFetch, type NodeFetchHandle, type NodeFetchResponse } from './node-http.fetch';
import { parsePveUrl, usesTokenAuth, type PveConnectionSettings } from './pve-connection-settings';
import { PveError } from './pve-error';

export type PveMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type PveParamValue = string | number | boolean | string[] | undefined | null;
export type PveParams = Record<string, PveParamValue>;

/** One authenticated request to `/api2/json<path>`; rejects only with PveError. */
export interface PveTransport {
  request<T>(method: PveMethod, path: string, params?: PveParams): Promise<T>;
  close(): void;
}

export interface ProxmoxApiTransportOptions {
  /** Per-request timeout (proxmox-api's queryTimeout; default 60 s). */
  requestTimeoutMs?: number;
  /** Login timeout (default 10 s). */
  authTimeoutMs?: number;
  /** Replaces the node:http(s) fetch (unit tests drive the real engine with a fake server). */
  fetch?: NodeFetch;
}

/**
 * The transport on top of `proxmox-api`'s ProxmoxEngine. It adds what the engine lacks:
 * scoped TLS settings (through its `fetch` option), errors as PveError, and a second login on a
 * 401 with ticket auth: the engine only re-logs in on `invalid PVE ticket`, but PVE >= 9.1.5
 * says `Authentication failed!` for an expired ticket.
 */
export class ProxmoxApiTransport implements PveTransport {
  private engine?: ProxmoxEngine;
  private readonly http: NodeFetchHandle;
  private readonly tokenAuth: boolean;

  constructor(
    private readonly settings: PveConnectionSettings,
    private readonly options: ProxmoxApiTransportOptions = {},
  ) {
    this.http = createNodeFetch({ verifyTls: settings.verifyTls, ca: settings.caPem });
    this.tokenAuth = usesTokenAuth(settings);
  }

  async request<T>(method: PveMethod, path: string, params?: PveParams): Promise<T> {
    const engine = this.getEngine();
    try {
      return await this.send<T>(engine, method, path, params);
    } catch (err) {
      const error = classifyPveError(err);
      // The engine's own network retry is bypassed (see answerNetworkFailures): retry reads once.
      if (method === 'GET' && error.kind === 'unreachable' && error.retryable && error.status === undefined) {
        try {
          return await this.send<T>(engine, method, path, params);
        } catch (retryErr) {
          throw classifyPveError(retryErr);
        }
      }
      if (!this.tokenAuth && error.kind === 'auth' && error.status === 401 && !isLoginFailure(error)) {
        // Drop the ticket so the engine logs in again, then retry once.
        engine.ticket = undefined;
        engine.CSRFPreventionToken = undefined;
        try {
          return await this.send<T>(engine, method, path, params);
        } catch (retryErr) {
          throw classifyPveError(retryErr);
        }
      }
      throw error;
    }
  }

  close(): void {
    this.http.close();
  }

  private async send<T>(engine: ProxmoxEngine, method: PveMethod, path: string, params?: PveParams): Promise<T> {
    // doRequest deletes null/undefined keys in place: hand it a copy.
    const copy = params ? { ...params } : undefined;
    return (await engine.doRequest(method, `/api2/json${path}`, path, copy)) as T;
  }

  /** Built lazily so that bad settings surface as a PveError from the first call, not from a constructor. */
  private getEngine(): ProxmoxEngine {
    if (this.engine) return this.engine;
    let endpoint;
    try {
      endpoint = parsePveUrl(this.settings.url);
    } catch (err) {
      throw new PveError({ kind: 'invalid', retryable: false, pveMessage: (err as Error).message, cause: err });
    }
    const common = {
      host: endpoint.host,
      port: endpoint.port,
      schema: endpoint.schema,
      queryTimeout: this.options.requestTimeoutMs ?? 60_000,
      authTimeout: this.options.authTimeoutMs ?? 10_000,
      // Our adapter matches what the engine calls on its undici fetch; the types differ nominally.
      fetch: answerNetworkFailures(this.options.fetch ?? this.http.fetch) as unknown as ProxmoxEngineOptions['fetch'],
    };
    const { tokenId, tokenSecret, username, password } = this.settings;
    if (this.tokenAuth && tokenId && tokenSecret) {
      validateToken(tokenId, tokenSecret);
      this.engine = new ProxmoxEngine({ ...common, tokenID: tokenId, tokenSecret });
    } else if (password) {
      this.engine = new ProxmoxEngine({ ...common, username: username || 'root@pam', password });
    } else {
      throw new PveError({
        kind: 'auth',
        retryable: false,
        pveMessage: 'no Proxmox credentials configured: set an API token (id and secret) or a username and password',
      });
    }
    return this.engine;
  }
}

/**
 * proxmox-api 1.1.1 clears its per-request abort timer only when fetch resolves, so every
 * rejected fetch leaves a timer (queryTimeout, 60 s) that keeps the process alive. Network
 * failures are therefore answered as a synthetic 599 response carrying the Node error code,
 * which classifyPveError turns back into an `unreachable` PveError with that code.
 */
export function answerNetworkFailures(fetch: NodeFetch): NodeFetch {
  return async (url, init) => {
    try {
      return await fetch(url, init);
    } catch (err) {
      const cause = findNetworkCause(err) ?? {
        code: 'ECONNFAILED',
        message: typeof (err as { message?: unknown })?.message === 'string' ? (err as { message: string }).message : String(err),
      };
      return networkFailureResponse(networkFailureBody(cause.code, cause.message));
    }
  };
}

function networkFailureResponse(text: string): NodeFetchResponse {
  return {
    status: NETWORK_FAILURE_STATUS,
    statusText: NETWORK_FAILURE_TEXT,
    ok: false,
    // No content type: the engine reads the body as text into `errors`.
    headers: { get: () => null },
    body: null,
    text: () => Promise.resolve(text),
    json: () => Promise.resolve(JSON.parse(text) as unknown),
  };
}

/** The engine validates these too, but logs to console.error first; check quietly here. */
function validateToken(tokenId: string, tokenSecret: string): void {
  if (!/.*@.+!.+/.test(tokenId)) {
    throw new PveError({ kind: 'auth', retryable: false, pveMessage: `invalid API token id '${tokenId}': expected USER@REALM!TOKENID` });
  }
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(tokenSecret)) {
    throw new PveError({ kind: 'auth', retryable: false, pveMessage: 'invalid API token secret: expected a lowercase UUID' });
  }
}

function isLoginFailure(error: PveError): boolean {
  return error.method === 'POST' && (error.url ?? '').endsWith('/access/ticket');
}
