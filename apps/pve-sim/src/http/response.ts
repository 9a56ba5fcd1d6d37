import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

/** Exactly this string, no space: `proxmox-api` parses the body only when it matches. */
export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';

/** Headers of every pve-api-daemon response (AnyEvent.pm `response`). */
function commonHeaders(res: ServerResponse, status: number): void {
  const date = new Date().toUTCString();
  res.setHeader('Server', 'pve-api-daemon/3.0');
  res.setHeader('Date', date);
  res.setHeader('Expires', date);
  res.setHeader('Cache-Control', 'max-age=0');
  res.setHeader('Pragma', 'no-cache');
  if (status >= 400) res.setHeader('Connection', 'close');
}

/** Reason phrases carry the first line of the message (non-Latin-1 stripped so Node accepts it). */
function reason(text: string): string {
  return (text.split('\n')[0] ?? '').replace(/[^\x20-\x7e]/g, '?');
}

/** A JSON envelope response; bodies over 1024 bytes are gzipped when the client accepts it. */
export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, statusText: string, body: unknown): void {
  commonHeaders(res, status);
  res.statusCode = status;
  res.statusMessage = reason(statusText);
  let payload = Buffer.from(JSON.stringify(body));
  res.setHeader('Content-Type', JSON_CONTENT_TYPE);
  if (payload.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    payload = gzipSync(payload);
    res.setHeader('Content-Encoding', 'gzip');
  }
  res.setHeader('Content-Length', payload.length);
  res.end(req.method === 'HEAD' ? undefined : payload);
}

/** Auth-layer 401s and early errors: no body, no Content-Type (AnyEvent.pm `HTTP::Response->new(401, $err)`). */
export function sendBare(res: ServerResponse, status: number, statusText: string, text = ''): void {
  commonHeaders(res, status);
  res.statusCode = status;
  res.statusMessage = reason(statusText);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
