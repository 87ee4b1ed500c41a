// Creates or migrates the SQLite database (prisma migrate deploy, offline through the WASM engine),
// then switches it to WAL mode. Safe to run on every start: applied migrations are skipped.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseFile, databaseUrl } from './db-url.mjs';

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

export function migrate({ quiet = false } = {}) {
  const file = databaseFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  assertWritable(file);
  const prismaCli = require.resolve('prisma/build/index.js');
  const result = spawnSync(
    process.execPath,
    ['--require', path.join(root, 'scripts', 'unref-timers.cjs'), prismaCli, 'migrate', 'deploy'],
    { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl() }, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' },
  );
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error(`prisma migrate deploy failed (exit ${result.status}) for ${file}`);
  }
  const Database = require('better-sqlite3');
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  return file;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const file = migrate();
    console.log(`database ready: ${path.relative(root, file) || file} (WAL)`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
