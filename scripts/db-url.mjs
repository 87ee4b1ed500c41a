// Where the database lives. Shared by prisma.config.ts (the CLI), scripts and lib/db (the app).
// Default: an SQLite file at prisma/dev.db under the project root; DATABASE_URL overrides it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The SQLite URL the app and the CLI use, with a relative `file:` path made absolute from the project root. */
export function databaseUrl(env = process.env) {
  const raw = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : 'file:./prisma/dev.db';
  if (!raw.startsWith('file:')) {
    throw new Error(
      `DATABASE_URL must be an SQLite "file:" URL for this build (got "${raw.split(':')[0]}:…"). ` +
        'README.md, "Moving to PostgreSQL", lists what to change for another database.',
    );
  }
  const file = raw.slice('file:'.length);
  return 'file:' + (path.isAbsolute(file) ? file : path.resolve(root, file));
}

export function databaseFile(env = process.env) {
  return databaseUrl(env).slice('file:'.length);
}

/**
 * Prisma 6.19's `migrate dev` sends whole multi-statement migrations to the shadow database through
 * `executeRaw`, which better-sqlite3 refuses ("contains more than one statement"). Route argument-less
 * raw SQL on the shadow connection through `executeScript` instead.
 */
export function withShadowScriptFix(factory) {
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const shadow = await connectToShadowDb();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query) => {
      if (query.args.length === 0 && /;\s*\S/.test(query.sql)) {
        await shadow.executeScript(query.sql);
        return 0;
      }
      return executeRaw(query);
    };
    return shadow;
  };
  return factory;
}
