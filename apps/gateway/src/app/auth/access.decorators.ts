import { SetMetadata } from '@nestjs/common';
import type { Role } from '@proxdeck/shared-contracts';

export const REQUIRED_ROLE_KEY = 'proxdeck:required-role';
export const PUBLIC_ROUTE_KEY = 'proxdeck:public-route';

/** The least role a route needs. Every route states one, or is `@Public()` (the guard refuses the rest). */
export const Roles = (role: Role) => SetMetadata(REQUIRED_ROLE_KEY, role);

/** No login needed. Only a handful of routes may carry it; the route inventory test lists them. */
export const Public = () => SetMetadata(PUBLIC_ROUTE_KEY, true);
