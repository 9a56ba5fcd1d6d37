import { Socket } from 'node:net';

export interface HttpHealthCheck {
  url: string;
  expect: readonly number[];
}

/** One HTTP probe: the status when the app answered, else the network error text. */
export async function probeHttp(check: HttpHealthCheck, timeoutMs = 5000): Promise<{ healthy: boolean; detail: string }> {
  try {
    const res = await fetch(check.url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return { healthy: check.expect.includes(res.status), detail: `HTTP ${res.status}` };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return { healthy: false, detail: cause?.code ?? (err instanceof Error ? err.message : String(err)) };
  }
}

/** For apps whose primary port is not HTTP: healthy once the port accepts a connection. */
export function probeTcp(host: string, port: number, timeoutMs = 3000): Promise<{ healthy: boolean; detail: string }> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (healthy: boolean, detail: string): void => {
      socket.destroy();
      resolve({ healthy, detail });
    };
    socket.setTimeout(timeoutMs, () => done(false, 'timeout'));
    socket.once('error', (e: NodeJS.ErrnoException) => done(false, e.code ?? e.message));
    socket.connect(port, host, () => done(true, 'port open'));
  });
}
