import { expect, type APIRequestContext, type APIResponse } from '@playwright/test';

/**
 * `POST /auth/login`. The gateway allows 10 logins a minute; Playwright starts a new worker (two
 * logins) after every failed test, so a few failures in a row would otherwise turn every following
 * test into a 429 as well. A 429 waits for the window to pass instead.
 */
export async function postLogin(request: APIRequestContext, credentials: { username: string; password: string }): Promise<APIResponse> {
  let response: APIResponse | undefined;
  await expect
    .poll(async () => {
      response = await request.post('/api/v1/auth/login', { data: credentials });
      return response.status();
    }, { timeout: 75_000, intervals: [5_000, 10_000], message: 'login kept answering 429 (rate limit)' })
    .not.toBe(429);
  if (!response) throw new Error('login was never tried');
  return response;
}
