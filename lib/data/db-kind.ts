import type { Db } from './types';

/**
 * Which database a Prisma client talks to, read from the client itself (the generated client records its schema's
 * provider), so code given a test's client follows that client rather than DATABASE_URL.
 */
export function dbKind(db: Db): 'sqlite' | 'postgresql' {
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  return provider === 'postgresql' || provider === 'postgres' ? 'postgresql' : 'sqlite';
}
