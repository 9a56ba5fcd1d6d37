import type { ProxdeckEvent } from '@proxdeck/shared-contracts';

/** One Server-Sent Events frame: `event: <type>`, the JSON on one `data:` line, a blank line. */
export function sseFrame(event: ProxdeckEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Browsers reconnect after this many ms when the stream drops. */
export const SSE_PREAMBLE = 'retry: 2000\n\n';
export const SSE_HEARTBEAT = ': heartbeat\n\n';
export const SSE_HEARTBEAT_MS = 15_000;
