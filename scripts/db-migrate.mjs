// Creates or migrates the database DATABASE_URL names (prisma migrate deploy, offline through the WASM engine):
// SQLite (`file:`, the default) with prisma/migrations, then switched to WAL mode; PostgreSQL (`postgresql://`)
// with prisma/postgresql/migrations, after a connection check that turns "unreachable", "wrong password" and
// "no such database" into one sentence each (a missing database is created when the user may).
// Safe to run on every start: applied migrations are skipped.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseFile, databaseKind, databaseUrl, redactedUrl } from './db-url.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * One clear sentence instead of Prisma's "External error id#0" when the database cannot be written:
 * SQLite needs to write the file and, for its journal and WAL, the folder it is in.
 */
export function assertWritable(file) {
  const dir = path.dirname(file);
  const problems = [];
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    problems.push(`the folder ${dir} is not writable (SQLite keeps its journal and WAL beside the database)`);
  }
  if (fs.existsSync(file)) {
    try {
      fs.accessSync(file, fs.constants.W_OK);
    } catch {
      problems.push(`the file ${file} is read-only`);
    }
  }
  if (problems.length > 0) throw new Error(`The database cannot be written: ${problems.join('; ')}. Fix its permissions or point DATABASE_URL at a writable file.`);
}

function deploy(url, { quiet, label }) {
  const prismaCli = require.resolve('prisma/build/index.js');
  const result = spawnSync(
    process.execPath,
    ['--require', path.join(root, 'scripts', 'unref-timers.cjs'), prismaCli, 'migrate', 'deploy'],
    { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' },
  );
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error(`prisma migrate deploy failed (exit ${result.status}) for ${label}`);
  }
}

/** One sentence for a PostgreSQL connection error, or null when it is not one we know. */
export function describePgError(error, url) {
  const u = new URL(url);
  const where = `${u.hostname || 'localhost'}:${u.port || '5432'}`;
  const user = decodeURIComponent(u.username) || '(default user)';
  const code = error?.code ?? error?.errors?.[0]?.code;
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET'].includes(code)) {
    return `Cannot reach the PostgreSQL server at ${where} (${code}). Is it running, and does DATABASE_URL name the right host and port?`;
  }
  if (code === '28P01' || code === '28000') {
    return `PostgreSQL at ${where} refused user "${user}": ${error.message}. Check the user and password in DATABASE_URL.`;
  }
  if (/timeout/i.test(error?.message ?? '')) return `Cannot reach the PostgreSQL server at ${where} (timed out).`;
  return null;
}

/** Connects once before Prisma does; creates the database when it is missing and the user may. */
async function checkPostgres(url) {
  const { default: pg } = await import('pg');
  const tryConnect = async (connectionString) => {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
  };
  try {
    await (await tryConnect(url)).end();
    return;
  } catch (error) {
    if (error?.code !== '3D000') throw new Error(describePgError(error, url) ?? `Cannot connect to PostgreSQL (${redactedUrl(url)}): ${error?.message ?? error}`);
  }
  // 3D000: the database does not exist. Create it from the server's maintenance database, as `migrate deploy` would.
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  let admin;
  try {
    admin = await tryConnect(maintenance.toString());
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    console.error(`created the PostgreSQL database "${name}"`);
  } catch (error) {
    throw new Error(`The PostgreSQL database "${name}" does not exist and could not be created (${describePgError(error, url) ?? error?.message ?? error}). Create it, or name an existing one in DATABASE_URL.`);
  } finally {
    await admin?.end().catch(() => {});
  }
}

/** Applies the committed migrations to the database DATABASE_URL names; returns a label for it. */
export async function migrate({ quiet = false } = {}) {
  const url = databaseUrl();
  if (databaseKind(url) === 'postgresql') {
    await checkPostgres(url);
    const label = redactedUrl(url);
    deploy(url, { quiet, label });
    return label;
  }
  const file = databaseFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  assertWritable(file);
  deploy(url, { quiet, label: file });
  const Database = require('better-sqlite3');
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  const relative = path.relative(root, file);
  return `${relative && !relative.startsWith('..') ? relative : file} (WAL)`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const label = await migrate();
    console.log(`database ready: ${label}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
