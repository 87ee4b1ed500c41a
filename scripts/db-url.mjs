// Where the database lives and which kind it is. Shared by prisma.config.ts (the CLI), scripts and lib/db (the app).
// DATABASE_URL picks both: `file:…` (the default, prisma/dev.db under the project root) is SQLite;
// `postgresql://…` or `postgres://…` is PostgreSQL. Each kind has its own schema and migration history.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Prisma schema and migration folder of each kind, relative to the project root. */
export const schemaPaths = {
  sqlite: { schema: path.join('prisma', 'schema.prisma'), migrations: path.join('prisma', 'migrations') },
  postgresql: { schema: path.join('prisma', 'postgresql', 'schema.prisma'), migrations: path.join('prisma', 'postgresql', 'migrations') },
};

/** "sqlite" or "postgresql" for a URL; anything else is an error that names the accepted schemes. */
export function databaseKind(url) {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgresql';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new Error(
    `DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); got ${scheme ? `"${scheme}:…"` : 'a value with no scheme'}.`,
  );
}

/**
 * The URL the app and the CLI use: for SQLite a relative `file:` path is made absolute from the project root;
 * a PostgreSQL URL is passed through unchanged.
 */
export function databaseUrl(env = process.env) {
  const raw = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : 'file:./prisma/dev.db';
  if (databaseKind(raw) === 'postgresql') return raw;
  const file = raw.slice('file:'.length);
  return 'file:' + (path.isAbsolute(file) ? file : path.resolve(root, file));
}

/** The SQLite file DATABASE_URL names (an error for a PostgreSQL URL). */
export function databaseFile(env = process.env) {
  const url = databaseUrl(env);
  if (databaseKind(url) !== 'sqlite') throw new Error('databaseFile() is for SQLite; DATABASE_URL names a PostgreSQL server');
  return url.slice('file:'.length);
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url) {
  if (databaseKind(url) === 'sqlite') return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
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

/** PostgreSQL catalog types that @prisma/adapter-pg 6.19 cannot describe, read as the text they arrive as. */
const CATALOG_TEXT_TYPES = new Set([18 /* "char" */, 19 /* name */, 24 /* regproc */, 194 /* pg_node_tree */, 2205 /* regclass */]);

/**
 * Prisma 6.19's schema engine reads PostgreSQL's catalogs through the adapter, and @prisma/adapter-pg rejects their
 * `name` columns ("Column type 'name' could not be deserialized", prisma/orm#27403), so every `migrate` command fails.
 * The values arrive as strings already; describe those columns as text. Only the CLI (prisma.config.ts) needs this.
 */
export function withPgCatalogTypes(factory) {
  const patch = (adapter) => {
    for (let proto = Object.getPrototypeOf(adapter); proto; proto = Object.getPrototypeOf(proto)) {
      if (!Object.hasOwn(proto, 'performIO')) continue;
      if (proto.performIO.catalogTypesPatched) break;
      const performIO = proto.performIO;
      const patched = async function (query) {
        const result = await performIO.call(this, query);
        for (const field of result.fields ?? []) if (CATALOG_TEXT_TYPES.has(field.dataTypeID)) field.dataTypeID = 25;
        return result;
      };
      patched.catalogTypesPatched = true;
      proto.performIO = patched;
      break;
    }
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => patch(await connect());
  factory.connectToShadowDb = async () => patch(await connectToShadowDb());
  return factory;
}
