import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { RefreshSessionEntity, toUserDto, UserEntity } from '@proxdeck/server-database';
import type { LoginResponse } from '@proxdeck/shared-contracts';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../problem/domain-error';
import { AccessTokenService } from './access-token.service';
import { ACCESS_TOKEN_TTL_SEC, REFRESH_TTL_SEC } from './auth-cookies';
import { LoginBackoff } from './login-backoff.service';
import { PasswordHasher } from './password-hasher.service';

/** A login's result: the JSON answer plus the refresh cookie value `<sessionId>.<secret>`. */
export interface IssuedSession {
  response: LoginResponse;
  refreshValue: string;
}

/** How long a rotated-away refresh secret still works (concurrent refreshes from several tabs). */
export const REFRESH_REUSE_GRACE_MS = 30_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(RefreshSessionEntity) private readonly sessions: Repository<RefreshSessionEntity>,
    private readonly tokens: AccessTokenService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly backoff: LoginBackoff,
  ) {}

  async login(username: string, password: string, ip: string | undefined): Promise<IssuedSession> {
    await this.backoff.check(username);
    const user = await this.users.findOneBy({ username });
    const ok = user ? await this.hasher.verify(password, user.passwordHash) : (await this.hasher.burn(password), false);
    if (!user || !ok) {
      await this.backoff.failed(username);
      await this.audit.recordQuietly({ actor: username.slice(0, 64), action: 'auth.login-failed', details: { ip } });
      throw new DomainError('INVALID_CREDENTIALS', 401, 'The username or password is wrong.');
    }
    await this.backoff.succeeded(username);
    await this.audit.recordQuietly({ actor: user.username, action: 'auth.login', target: user.id, details: { ip } });
    return this.issue(user);
  }

  /** Rotates the refresh session: the old cookie stops working, a new one is issued. */
  async refresh(refreshValue: string | undefined): Promise<IssuedSession> {
    const session = await this.findSession(refreshValue);
    if (session.revokedAt && Date.now() - session.revokedAt.getTime() > REFRESH_REUSE_GRACE_MS) {
      // A rotated-away secret came back long after: someone holds a copy. End every session of that user.
      await this.sessions.delete({ userId: session.userId });
      throw this.sessionInvalid();
    }
    // Within the grace period a reuse is a race (two tabs refreshing at once, a retried request):
    // it gets a session of its own instead of logging everybody out.
    if (session.expiresAt.getTime() <= Date.now()) throw this.sessionInvalid();
    const user = await this.users.findOneBy({ id: session.userId });
    if (!user) throw this.sessionInvalid();
    if (!session.revokedAt) await this.sessions.update({ id: session.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return this.issue(user);
  }

  /** Revokes the session named by the cookie, if it is a valid one; logging out never fails. */
  async logout(refreshValue: string | undefined): Promise<void> {
    try {
      const session = await this.findSession(refreshValue);
      // Deleted, not marked revoked: a logged-out session must not pass the reuse grace period.
      await this.sessions.delete({ id: session.id });
      if (session.revokedAt) return;
      const user = await this.users.findOneBy({ id: session.userId });
      if (user) await this.audit.recordQuietly({ actor: user.username, action: 'auth.logout', target: user.id });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
    }
  }

  private async issue(user: UserEntity): Promise<IssuedSession> {
    const secret = randomBytes(32).toString('base64url');
    const session = await this.sessions.save(
      this.sessions.create({
        userId: user.id,
        secretHash: sha256(secret),
        expiresAt: new Date(Date.now() + REFRESH_TTL_SEC * 1000),
        revokedAt: null,
      }),
    );
    const accessToken = this.tokens.issue({ sub: user.id, username: user.username, role: user.role });
    return { response: { accessToken, expiresIn: ACCESS_TOKEN_TTL_SEC, user: toUserDto(user) }, refreshValue: `${session.id}.${secret}` };
  }

  private async findSession(refreshValue: string | undefined): Promise<RefreshSessionEntity> {
    const [id, secret] = (refreshValue ?? '').split('.');
    if (!id || !secret || !UUID.test(id)) throw this.sessionInvalid();
    const session = await this.sessions.findOneBy({ id });
    if (!session) throw this.sessionInvalid();
    const expected = Buffer.from(session.secretHash, 'hex');
    const given = Buffer.from(sha256(secret), 'hex');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw this.sessionInvalid();
    return session;
  }

  private sessionInvalid(): DomainError {
    return new DomainError('UNAUTHENTICATED', 401, 'The session has ended or is not valid; log in again.');
  }
}

/** Refresh secrets are 256 random bits, so a fast hash is enough (no dictionary to guess from). */
function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
