import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import { ROLES, type Role } from '@proxdeck/shared-contracts';
import { ACCESS_TOKEN_TTL_SEC } from './auth-cookies';

export interface AccessClaims {
  sub: string;
  username: string;
  role: Role;
}

/** What a verified token says, with when it was issued (JWT `iat`, whole seconds). */
export interface VerifiedClaims extends AccessClaims {
  issuedAtSec: number;
}

const ISSUER = 'proxdeck';
const AUDIENCE = 'proxdeck-api';

/** 15-minute HS256 access tokens. The key is derived from PROXDECK_SECRET, never the secret itself. */
@Injectable()
export class AccessTokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(PROXDECK_CONFIG) config: ProxdeckConfig) {
    const key = createHmac('sha256', config.secret).update('proxdeck-access-token-v1').digest('hex');
    this.jwt = new JwtService({ secret: key, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } });
  }

  issue(claims: AccessClaims): string {
    return this.jwt.sign(
      { username: claims.username, role: claims.role },
      { subject: claims.sub, expiresIn: ACCESS_TOKEN_TTL_SEC, issuer: ISSUER, audience: AUDIENCE },
    );
  }

  /** The claims of a valid, unexpired token; null for anything else. */
  verify(token: string): VerifiedClaims | null {
    try {
      const payload = this.jwt.verify<Record<string, unknown>>(token, { issuer: ISSUER, audience: AUDIENCE });
      const { sub, username, role, iat } = payload;
      if (typeof sub !== 'string' || typeof username !== 'string' || !(ROLES as readonly unknown[]).includes(role) || typeof iat !== 'number') return null;
      return { sub, username, role: role as Role, issuedAtSec: iat };
    } catch {
      return null;
    }
  }
}
