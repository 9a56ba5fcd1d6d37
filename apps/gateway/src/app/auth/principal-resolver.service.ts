import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { Repository } from 'typeorm';
import { UserEntity } from '@proxdeck/server-database';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { AccessTokenService } from './access-token.service';
import { ACCESS_COOKIE, readCookie } from './auth-cookies';
import type { Principal } from './principal';

export type Authentication = { principal: Principal } | { failure: string };

/**
 * Finds who is calling: `Authorization: Bearer <jwt>` on any method; the `pd_access` cookie only
 * where the caller allows it (GET/HEAD for the API, so a cross-site form can never mutate). The user
 * row is read every time, so a deleted user or a changed role takes effect at once.
 * API tokens (`Bearer pdk_...`) are checked by ApiTokensService.
 */
@Injectable()
export class PrincipalResolver {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly apiTokens: ApiTokensService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  async authenticate(req: Request, opts: { allowCookie: boolean }): Promise<Authentication> {
    const header = req.headers.authorization;
    let token: string | undefined;
    let via: Principal['via'] = 'bearer';
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) return { failure: 'The Authorization header must be "Bearer <token>".' };
      token = match[1];
      if (token.startsWith('pdk_')) return this.apiTokens.authenticate(token);
    } else {
      const cookie = readCookie(req.cookies, ACCESS_COOKIE);
      if (cookie && !opts.allowCookie) {
        return { failure: 'Send the access token in the Authorization header; the session cookie is accepted only for reads.' };
      }
      if (cookie) {
        token = cookie;
        via = 'cookie';
      }
    }
    if (!token) return { failure: 'Log in first: this needs an access token (Authorization: Bearer <token>).' };
    const claims = this.tokens.verify(token);
    if (!claims) return { failure: 'The access token is invalid or has expired; refresh it or log in again.' };
    const user = await this.users.findOneBy({ id: claims.sub });
    if (!user) return { failure: 'The account of this access token no longer exists.' };
    // `iat` has whole seconds: a token from the second of the change still counts.
    if (user.credentialsChangedAt && claims.issuedAtSec < Math.floor(user.credentialsChangedAt.getTime() / 1000)) {
      return { failure: 'The password of this account changed since this access token was issued; log in again.' };
    }
    return { principal: { userId: user.id, username: user.username, role: user.role, via } };
  }
}
