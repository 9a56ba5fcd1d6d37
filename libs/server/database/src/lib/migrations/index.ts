import { InitialSchema1763900000000 } from './1763900000000-initial-schema';
import { AppOperations1764000000000 } from './1764000000000-app-operations';

/** Every migration, oldest first. Add new ones at the end. */
export const MIGRATIONS = [InitialSchema1763900000000, AppOperations1764000000000];
