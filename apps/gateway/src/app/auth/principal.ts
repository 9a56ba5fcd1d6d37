import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from '@proxdeck/shared-contracts';
import { DomainError } from '../problem/domain-error';

/** Who is calling, as the auth guard established it. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  /** How the caller proved it: a Bearer access token or the `pd_access` cookie. */
  via: 'bearer' | 'cookie';
  /** Set when the caller used an API token (`Bearer pdk_...`) rather than a login. */
  tokenId?: string;
}

export type AuthenticatedRequest = Request & { principal?: Principal };

/** Injects the caller of a route that is not `@Public()`. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route the auth guard did not authenticate');
  return principal;
});

/**
 * Refuses an API token for what only a person logged in may do (`what`: "manage API tokens").
 * A leaked token then cannot make itself permanent: no new tokens, no new or changed accounts.
 */
export function requireLogin(principal: Principal, what: string): void {
  if (principal.tokenId) throw new DomainError('FORBIDDEN', 403, `API tokens cannot ${what}; log in as the user.`);
}
