export const ROLES = ['admin', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Higher rank includes every right of the lower ones. */
export const ROLE_RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function roleAllows(actual: Role, required: Role): boolean {
  return ROLE_RANK[actual] >= ROLE_RANK[required];
}

export interface UserDto {
  id: string;
  username: string;
  role: Role;
  /** The console's AUTO/PRO preference; roles still decide what is allowed. */
  mode: UserMode;
  createdAt: string;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: UserDto;
}

/** AUTO shows the essentials with sensible defaults; PRO shows every operation and setting. */
export const USER_MODES = ['auto', 'pro'] as const;
export type UserMode = (typeof USER_MODES)[number];
