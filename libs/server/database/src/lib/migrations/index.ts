import { InitialSchema1763900000000 } from './1763900000000-initial-schema';
import { AppOperations1764000000000 } from './1764000000000-app-operations';
import { ApiTokens1764000100000 } from './1764000100000-api-tokens';
import { Settings1764000200000 } from './1764000200000-settings';
import { IpAllocations1764000300000 } from './1764000300000-ip-allocations';
import { CredentialsChanged1764000400000 } from './1764000400000-credentials-changed';

/** Every migration, oldest first. Add new ones at the end. */
export const MIGRATIONS = [InitialSchema1763900000000, AppOperations1764000000000, ApiTokens1764000100000, Settings1764000200000, IpAllocations1764000300000,
  CredentialsChanged1764000400000];
