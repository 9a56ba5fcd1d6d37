import type { OperationRun } from '../operations/operation-run';
import { probeHttp } from './health-check';
import { OperationFailure } from './operation-failure';

/** How long an adopted custom app gets to answer; it is running already, so this is short. */
export const CUSTOM_HEALTH_TIMEOUT_SEC = 60;

/**
 * Any answer below 500 counts: a custom app is adopted with "the port its web UI listens on", and
 * a login page (401), a redirect (302) or a 404 on `/` all prove a web server is there; only a
 * server error or no answer at all is unhealthy. A bare TCP probe would also accept a port that
 * does not speak HTTP, which the gateway's app proxy could then not serve.
 */
const BELOW_500: readonly number[] = Array.from({ length: 400 }, (_, i) => 100 + i);

/**
 * The health check of an app without a catalog entry (`catalogId: custom`): HTTP GET `/` on its
 * port until it answers below 500 or CUSTOM_HEALTH_TIMEOUT_SEC runs out.
 */
export async function checkCustomAppHealth(run: OperationRun, intervalMs: number): Promise<void> {
  const app = run.app;
  if (!app.ip || !app.httpPort) throw new OperationFailure(`${app.hostname} has no address to check.`);
  const url = `http://${app.ip}:${app.httpPort}/`;
  await run.log(`Health check ${url} expecting any answer below 500 (up to ${CUSTOM_HEALTH_TIMEOUT_SEC} s)`);
  const deadline = Date.now() + CUSTOM_HEALTH_TIMEOUT_SEC * 1000;
  let last = '';
  for (;;) {
    const result = await probeHttp({ url, expect: BELOW_500 });
    if (result.healthy) return run.log(`Healthy (${result.detail})`);
    if (result.detail !== last) await run.log(`Not healthy yet (${result.detail})`);
    last = result.detail;
    if (Date.now() > deadline) {
      throw new OperationFailure(
        `Nothing answered HTTP on port ${app.httpPort} of ${app.hostname} within ${CUSTOM_HEALTH_TIMEOUT_SEC} s (last answer: ${last}); check the port its web UI listens on.`,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
