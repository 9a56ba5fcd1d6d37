import { Inject, Injectable, Logger } from '@nestjs/common';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import { RedisResources } from '../infra/redis-resources';
import { DomainError } from '../problem/domain-error';

/** Wrong passwords an account may take before it has to wait. */
export const FREE_FAILURES = 5;
/** The first wait, doubled with each further failure, up to MAX_WAIT_MS. */
const FIRST_WAIT_MS = 1000;
const MAX_WAIT_MS = 15 * 60_000;
/** Failures are forgotten this long after the last one. */
const FAILURES_TTL_MS = 60 * 60_000;

/**
 * Login throttling per account, beside the per-IP limit: behind a reverse proxy every attacker has
 * the proxy's address, and guessing one account from many addresses passes a per-IP limit. After
 * FREE_FAILURES wrong passwords an account waits 1 s, 2 s, 4 s ... up to 15 minutes between
 * attempts (a guesser gets a handful of tries an hour; the person locked out waits minutes, not
 * forever). Kept in Redis so every gateway sees it; if Redis is down, the per-IP limit stands alone.
 */
@Injectable()
export class LoginBackoff {
  private readonly logger = new Logger('LoginBackoff');

  constructor(
    private readonly redis: RedisResources,
    @Inject(PROXDECK_CONFIG) private readonly config: ProxdeckConfig,
  ) {}

  /** Refuses an attempt while the account must wait (before the password is even checked). */
  async check(username: string): Promise<void> {
    const waitMs = await this.guard(() => this.redis.publisherConnection.pttl(this.key('wait', username)), -2);
    if (waitMs > 0) {
      throw new DomainError('RATE_LIMITED', 429, `Too many wrong passwords for this account; try again in ${Math.ceil(waitMs / 1000)} s.`);
    }
  }

  async failed(username: string): Promise<void> {
    const failures = await this.guard(async () => {
      const count = await this.redis.publisherConnection.incr(this.key('failures', username));
      await this.redis.publisherConnection.pexpire(this.key('failures', username), FAILURES_TTL_MS);
      return count;
    }, 0);
    if (failures < FREE_FAILURES) return;
    const waitMs = Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES), MAX_WAIT_MS);
    await this.guard(() => this.redis.publisherConnection.set(this.key('wait', username), '1', 'PX', waitMs), null);
  }

  async succeeded(username: string): Promise<void> {
    await this.guard(() => this.redis.publisherConnection.del(this.key('failures', username), this.key('wait', username)), 0);
  }

  private key(kind: 'failures' | 'wait', username: string): string {
    return `${this.config.redisPrefix}:login-${kind}:${username.toLowerCase()}`;
  }

  private async guard<T>(run: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await run();
    } catch (err) {
      this.logger.warn(`login throttling per account is off while Redis fails: ${String(err)}`);
      return fallback;
    }
  }
}
