import type { Role } from './auth';

/** An API token as listed; the secret is never shown again after creation. */
export interface ApiTokenDto {
  id: string;
  name: string;
  /** The token acts as its owner, limited to this role. */
  role: Role;
  owner: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
}

/** `POST /tokens`. */
export interface CreateApiTokenRequest {
  name: string;
  /** At most the owner's role; default: the owner's role. */
  role?: Role;
  /** Days until it stops working; none: until deleted. */
  expiresInDays?: number;
}

/** `201` of `POST /tokens`: `secret` (`pdk_...`) is shown this once; send it as `Authorization: Bearer <secret>`. */
export interface CreatedApiTokenDto {
  token: ApiTokenDto;
  secret: string;
}
