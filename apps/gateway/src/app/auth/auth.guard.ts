import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { roleAllows, type Role } from '@proxdeck/shared-contracts';
import { DomainError } from '../problem/domain-error';
import { PUBLIC_ROUTE_KEY, REQUIRED_ROLE_KEY } from './access.decorators';
import type { AuthenticatedRequest } from './principal';
import { PrincipalResolver } from './principal-resolver.service';

/** Global guard (APP_GUARD): a route is `@Public()` or states a role; anything else is refused. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly resolver: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE_KEY, targets)) return true;
    const required = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE_KEY, targets);
    if (!required) {
      // Fail closed: a route someone forgot to annotate is not open by accident.
      throw new DomainError('FORBIDDEN', 403, 'This route declares no role, so it is refused.');
    }
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const auth = await this.resolver.authenticate(req, { allowCookie: req.method === 'GET' || req.method === 'HEAD' });
    if ('failure' in auth) throw new DomainError('UNAUTHENTICATED', 401, auth.failure);
    if (!roleAllows(auth.principal.role, required)) {
      throw new DomainError('FORBIDDEN', 403, `This needs the ${required} role; your account is ${auth.principal.role}.`);
    }
    req.principal = auth.principal;
    return true;
  }
}
