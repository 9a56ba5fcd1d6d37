import * as http from 'node:http';
import * as https from 'node:https';
import { Readable } from 'node:stream';

/**
 * The subset of `fetch` that `proxmox-api`'s ProxmoxEngine uses (url, method, headers, string
 * body, abort signal; status, statusText, headers.get, text(), json(), body), built on
 * node:http/https so TLS verification is set per connection through an Agent. This is how
 * `verifyTls: false` stays scoped to one Proxmox connection instead of flipping the process-wide
 * NODE_TLS_REJECT_UNAUTHORIZED, and it needs no extra dependency (the engine's own undici is
 * not importable: proxmox-api's package `exports` hide it).
 */
export interface NodeFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal | null;
}

export interface NodeFetchResponse {
  readonly status: number;
  /** The HTTP reason phrase: Proxmox puts its error text there. */
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  readonly body: Readable | null;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export type NodeFetch = (url: string | URL, init?: NodeFetchInit) => Promise<NodeFetchResponse>;

export interface NodeFetchOptions {
  /** false accepts any certificate for this connection only. */
  verifyTls: boolean;
  /** Extra trusted CA (PEM), e.g. the cluster's pve-root-ca.pem. */
  ca?: string;
}

export interface NodeFetchHandle {
  fetch: NodeFetch;
  /** Closes idle keep-alive sockets. */
  close(): void;
}

export function createNodeFetch(options: NodeFetchOptions): NodeFetchHandle {
  const httpsAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: options.verifyTls, ca: options.ca });
  const httpAgent = new http.Agent({ keepAlive: true });

  const fetch: NodeFetch = (input, init = {}) =>
    new Promise<NodeFetchResponse>((resolve, reject) => {
      const url = typeof input === 'string' ? new URL(input) : input;
      const isHttps = url.protocol === 'https:';
      const transport = isHttps ? https : http;
      // Mimic undici: network failures reject with TypeError('fetch failed') and the Node error
      // (with its `code`) as cause, which the engine copies into its own message.
      const fail = (cause: unknown): void => reject(new TypeError('fetch failed', { cause }));
      const req = transport.request(
        url,
        {
          method: init.method ?? 'GET',
          headers: init.headers,
          agent: isHttps ? httpsAgent : httpAgent,
          signal: init.signal ?? undefined,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', fail);
          res.on('end', () => resolve(toResponse(res, Buffer.concat(chunks))));
        },
      );
      req.on('error', fail);
      if (init.body !== undefined) req.write(init.body);
      req.end();
    });

  return {
    fetch,
    close: () => {
      httpsAgent.destroy();
      httpAgent.destroy();
    },
  };
}

function toResponse(res: http.IncomingMessage, buffer: Buffer): NodeFetchResponse {
  const status = res.statusCode ?? 0;
  return {
    status,
    statusText: res.statusMessage ?? '',
    ok: status >= 200 && status < 300,
    headers: {
      get(name: string): string | null {
        const value = res.headers[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(', ') : value;
      },
    },
    body: Readable.from(buffer),
    text: () => Promise.resolve(buffer.toString('utf8')),
    json: () => Promise.resolve(JSON.parse(buffer.toString('utf8')) as unknown),
  };
}
