import { PveError, type PveErrorKind } from './pve-error';

/**
 * Turns whatever a Proxmox call threw (a `proxmox-api` Error, a network error, an abort, a
 * PveError) into a PveError. `proxmox-api` 1.1.1 only throws plain `Error`s whose message carries
 * the facts, so this parses its message shapes (see ProxmoxEngine.ts):
 *   "<METHOD> <url> return Error <code> <statusText>: <json body>"           (400, 401, 500)
 *   "<METHOD> <url> connection failed with <code> <statusText> return: <json>" (other statuses)
 *   "FaILED to call <METHOD> <url>[ cause by:<text>]"                         (network, cause set)
 *   "Auth <url> Failed!"                                                      (login, cause set)
 *   "<METHOD> <url> unexpected contentType "<type>" status Line:<code> ..."
 */
export function classifyPveError(err: unknown): PveError {
  if (err instanceof PveError) return err;
  if (!isErrorLike(err)) {
    return new PveError({ kind: 'server', retryable: false, pveMessage: String(err), cause: err });
  }
  const message = err.message;

  const http = parseHttpFailure(message);
  if (http) return fromHttpFailure(http, err);

  const failedCall = /^FaILED to call (\w+) (\S+)/.exec(message);
  if (failedCall) return fromNetworkFailure(err, failedCall[1], failedCall[2]);

  const login = /^Auth (\S+) Failed!/.exec(message);
  if (login) return fromLoginFailure(err, login[1]);

  const contentType = /^(\w+) (\S+) unexpected contentType "([^"]*)" status Line:(\d{3})/.exec(message);
  if (contentType) {
    const status = Number(contentType[4]);
    const proxyFailure = isProxyFailureStatus(status);
    return new PveError({
      kind: proxyFailure ? 'unreachable' : 'server',
      retryable: proxyFailure,
      status,
      pveMessage: `unexpected response content type "${contentType[3]}" (is this really a Proxmox VE API?)`,
      method: contentType[1],
      url: contentType[2],
      cause: err,
    });
  }

  if (/^invalid token(ID|Secret)|^password is missing for Proxmox connection/.test(message)) {
    return new PveError({ kind: 'auth', retryable: false, pveMessage: message, cause: err });
  }

  const network = findNetworkCause(err);
  if (network) return networkError(network, err);

  const fromText = kindFromText(message);
  return new PveError({
    kind: fromText?.kind ?? 'server',
    retryable: fromText?.retryable ?? false,
    pveMessage: message,
    cause: err,
  });
}

/**
 * Duck-typed Error: errors made by Node core come from another realm under Jest (and in other
 * sandboxes), where `instanceof Error` is false.
 */
interface ErrorLike {
  message: string;
  name?: string;
  code?: unknown;
  cause?: unknown;
}

function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

interface HttpFailure {
  method: string;
  url: string;
  status: number;
  statusText: string;
  body: PveErrorBody | undefined;
}

interface PveErrorBody {
  data?: unknown;
  /** An object for 400s; the raw text (often '') when the response had no content type. */
  errors?: unknown;
  message?: unknown;
}

/** Parses the two `proxmox-api` HTTP error message shapes; undefined when the message is neither. */
export function parseHttpFailure(message: string): HttpFailure | undefined {
  const head = /^(GET|POST|PUT|DELETE) (\S+) (?:return Error|connection failed with) (\d{3}) ?/.exec(message);
  if (!head) return undefined;
  const rest = message.slice(head[0].length);
  // The status text is free text (it may itself contain ": "); the body is the JSON at the end.
  // Try every "<sep>{" from the left: only the real body parses as a whole JSON object.
  const separators = [': {', ' return: {'];
  for (let i = 0; i < rest.length; i++) {
    for (const sep of separators) {
      if (!rest.startsWith(sep, i)) continue;
      const json = rest.slice(i + sep.length - 1);
      const body = tryParseObject(json);
      if (body) {
        return { method: head[1], url: head[2], status: Number(head[3]), statusText: rest.slice(0, i), body };
      }
    }
  }
  return { method: head[1], url: head[2], status: Number(head[3]), statusText: rest.replace(/:\s*$/, ''), body: undefined };
}

function tryParseObject(text: string): PveErrorBody | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as PveErrorBody) : undefined;
  } catch {
    return undefined;
  }
}

function fromHttpFailure(f: HttpFailure, cause: ErrorLike): PveError {
  const network = f.status === NETWORK_FAILURE_STATUS ? networkFailureFromBody(f.body) : undefined;
  if (network) return networkError(network, cause, f.method, f.url);
  const fieldErrors = extractFieldErrors(f.body?.errors);
  const bodyMessage = typeof f.body?.message === 'string' ? f.body.message.trim() : '';
  const rawText = typeof f.body?.errors === 'string' ? f.body.errors.trim() : '';
  const pveMessage = bodyMessage || f.statusText.trim() || rawText || `HTTP ${f.status}`;
  const base = { status: f.status, pveMessage, fieldErrors, method: f.method, url: f.url, cause };

  if (f.status === 401) return new PveError({ ...base, kind: 'auth', retryable: false });
  if (f.status === 403) return new PveError({ ...base, kind: 'permission', retryable: false });
  if (f.status === 400) {
    // Handler-raised 400s reuse the parameter-error shape for facts that are not input mistakes.
    const texts = Object.values(fieldErrors ?? {}).join('\n');
    if (/no such task/.test(texts)) return new PveError({ ...base, kind: 'not-found', retryable: false });
    if (/already exists/.test(texts)) return new PveError({ ...base, kind: 'conflict', retryable: false });
    return new PveError({ ...base, kind: 'invalid', retryable: false });
  }
  if (isProxyFailureStatus(f.status)) return new PveError({ ...base, kind: 'unreachable', retryable: true });
  if (f.status === 501) return new PveError({ ...base, kind: 'invalid', retryable: false });
  if (f.status >= 500) {
    const byText = kindFromText(`${pveMessage}\n${f.statusText}`);
    return new PveError({ ...base, kind: byText?.kind ?? 'server', retryable: byText?.retryable ?? false });
  }
  return new PveError({ ...base, kind: 'invalid', retryable: false });
}

/**
 * The status our fetch adapter answers with instead of rejecting on a network failure (see
 * node-http.fetch.ts): proxmox-api leaks its abort timer when fetch rejects. The body carries
 * the Node error code and text.
 */
export const NETWORK_FAILURE_STATUS = 599;
export const NETWORK_FAILURE_TEXT = 'Proxdeck network failure';

export function networkFailureBody(code: string, message: string): string {
  return JSON.stringify({ proxdeckNetworkError: { code, message } });
}

function networkFailureFromBody(body: PveErrorBody | string | undefined): NetworkCause | undefined {
  const raw = typeof body === 'string' ? body : typeof body?.errors === 'string' ? body.errors : undefined;
  if (!raw) return undefined;
  const start = raw.indexOf('{"proxdeckNetworkError"');
  if (start < 0) return undefined;
  try {
    const parsed = JSON.parse(raw.slice(start)) as { proxdeckNetworkError?: { code?: unknown; message?: unknown } };
    const inner = parsed.proxdeckNetworkError;
    if (typeof inner?.code !== 'string') return undefined;
    return { code: inner.code, message: typeof inner.message === 'string' ? inner.message : inner.code };
  } catch {
    return undefined;
  }
}

/** 502/503/504 from a reverse proxy; 595/596 are pveproxy's "could not reach the target node". */
function isProxyFailureStatus(status: number): boolean {
  return status === 502 || status === 503 || status === 504 || status === 595 || status === 596;
}

function extractFieldErrors(errors: unknown): Record<string, string> | undefined {
  if (typeof errors !== 'object' || errors === null || Array.isArray(errors)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(errors)) {
    out[key] = (typeof value === 'string' ? value : JSON.stringify(value)).trim();
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Rules on Proxmox's own texts (500 bodies and task exit statuses). Order matters: lock
 * contention first (retryable), then existence, then state conflicts.
 */
export function kindFromText(text: string): { kind: PveErrorKind; retryable: boolean } | undefined {
  if (/can't lock file '[^']*' - got timeout|\bgot timeout\b/.test(text)) return { kind: 'locked', retryable: true };
  if (/\b(CT|VM) is locked \(/.test(text)) return { kind: 'locked', retryable: true };
  if (/trying to acquire lock\.\.\.\s*failed/.test(text)) return { kind: 'locked', retryable: true };
  if (/Configuration file '[^']*' does not exist/.test(text)) return { kind: 'not-found', retryable: false };
  if (/no such task|unable to find VM|no such cluster node|hostname lookup '[^']*' failed|storage '[^']*' does not exist|volume '[^']*' does not exist|does not exist/.test(text)) {
    return { kind: 'not-found', retryable: false };
  }
  if (/already exists|already running|\bnot running\b|container is running|detected modified configuration|already used|protection mode enabled/.test(text)) {
    return { kind: 'conflict', retryable: false };
  }
  if (/cluster not ready - no quorum/.test(text)) return { kind: 'server', retryable: true };
  return undefined;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH',
  'EHOSTDOWN', 'EPIPE', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ABORT_ERR', 'ERR_INVALID_URL', 'HPE_INVALID_CONSTANT',
]);
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_NOT_YET_VALID',
  'ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO',
]);

export function isTlsErrorCode(code: string | undefined): boolean {
  return code !== undefined && TLS_CODES.has(code);
}

export interface NetworkCause {
  code: string;
  message: string;
}

/** Walks the `cause` chain for a Node/undici network, TLS or abort error. */
export function findNetworkCause(err: unknown): NetworkCause | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && isErrorLike(current); depth++) {
    const code = current.code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || TLS_CODES.has(code))) {
      return { code, message: current.message };
    }
    if (current.name === 'AbortError' || current.name === 'TimeoutError') {
      return { code: 'ETIMEDOUT', message: 'the request timed out' };
    }
    current = current.cause;
  }
  return undefined;
}

function networkError(cause: NetworkCause, err: ErrorLike, method?: string, url?: string): PveError {
  const tls = TLS_CODES.has(cause.code);
  return new PveError({
    kind: 'unreachable',
    // A certificate problem does not fix itself; everything else on the wire may.
    retryable: !tls && cause.code !== 'ERR_INVALID_URL',
    pveMessage: cause.message,
    code: cause.code,
    method,
    url,
    cause: err,
  });
}

function fromNetworkFailure(err: ErrorLike, method: string, url: string): PveError {
  const cause = findNetworkCause(err) ?? { code: 'ECONNFAILED', message: causeText(err) ?? err.message };
  return networkError(cause, err, method, url);
}

function causeText(err: ErrorLike): string | undefined {
  return isErrorLike(err.cause) ? err.cause.message : undefined;
}

/** `getTicket()` wraps the real reason ("login failed with 401: ...", or a network error) in `cause`. */
function fromLoginFailure(err: ErrorLike, url: string): PveError {
  const inner = causeText(err) ?? '';
  const network = findNetworkCause(err) ?? (inner.startsWith(`login failed with ${NETWORK_FAILURE_STATUS}:`) ? networkFailureFromBody(inner) : undefined);
  if (network) return networkError(network, err, 'POST', url);
  const status = /^login failed with (\d{3}): ?(.*?)(?: \{.*)?$/s.exec(inner);
  if (status) {
    const code = Number(status[1]);
    const text = status[2].trim() || 'authentication failure';
    if (code === 401 || code === 403) {
      return new PveError({ kind: 'auth', retryable: false, status: code, pveMessage: text, method: 'POST', url, cause: err });
    }
    const proxy = isProxyFailureStatus(code);
    return new PveError({ kind: proxy ? 'unreachable' : 'server', retryable: proxy, status: code, pveMessage: text, method: 'POST', url, cause: err });
  }
  return new PveError({ kind: 'auth', retryable: false, pveMessage: inner || 'login failed', method: 'POST', url, cause: err });
}
