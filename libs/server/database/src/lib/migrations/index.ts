import { InitialSchema1763900000000 } from './1763900000000-initial-schema';

/** Every migration, oldest first. Add new ones at the end. */
export const MIGRATIONS = [InitialSchema1763900000000];
