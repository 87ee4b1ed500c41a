// A throw-away PostgreSQL cluster for tests and local trials: initdb into a temp folder, start it on a free
// port (TCP on 127.0.0.1 with trust auth, its unix socket in the same temp folder), create one database,
// and stop and remove everything when the process exits. As root, initdb/pg_ctl run as the `postgres` OS user
// (PostgreSQL refuses to run as root) through `runuser -u postgres --` or `su postgres -c`.
//
//   node scripts/pg-cluster.mjs                  starts a cluster, prints its DATABASE_URL, stops it on Ctrl-C
//   node scripts/pg-cluster.mjs -- npm start     runs the command with DATABASE_URL set to a fresh cluster
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TOOLS = ['initdb', 'pg_ctl', 'postgres'];

function versionOf(dir) {
  const m = /postgresql\/(\d+)/.exec(dir);
  return m ? Number(m[1]) : 0;
}

/** Where PostgreSQL's server binaries are looked for after PATH: Debian's /usr/lib/postgresql/<newest>/bin, then /usr/local. */
export function defaultPgDirs() {
  let debian = [];
  try {
    debian = fs
      .readdirSync('/usr/lib/postgresql')
      .map((v) => path.join('/usr/lib/postgresql', v, 'bin'))
      .sort((a, b) => versionOf(b) - versionOf(a));
  } catch {
    // no Debian-style install
  }
  return [...debian, '/usr/local/bin', '/usr/local/pgsql/bin'];
}

/** The folder that holds initdb, pg_ctl and postgres, or null. Looks in PG_BIN, PATH, then `dirs`. */
export function findPgBin(env = process.env, dirs = defaultPgDirs()) {
  const candidates = [];
  if (env.PG_BIN) candidates.push(env.PG_BIN);
  candidates.push(...(env.PATH ?? '').split(path.delimiter).filter(Boolean), ...dirs);
  for (const dir of candidates) {
    if (TOOLS.every((tool) => isExecutable(path.join(dir, tool)))) return dir;
  }
  return null;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasRunuser = isRoot && spawnSync('runuser', ['--help'], { stdio: 'ignore' }).status === 0;

function shellQuote(arg) {
  return `'${String(arg).replace(/'/g, `'\\''`)}'`;
}

/** Runs a PostgreSQL tool, as the `postgres` user when we are root. */
function runTool(bin, tool, args, { allowFail = false } = {}) {
  const exe = path.join(bin, tool);
  let command = exe;
  let argv = args;
  if (isRoot) {
    if (hasRunuser) {
      command = 'runuser';
      argv = ['-u', 'postgres', '--', exe, ...args];
    } else {
      command = 'su';
      argv = ['postgres', '-s', '/bin/sh', '-c', [exe, ...args].map(shellQuote).join(' ')];
    }
  }
  const result = spawnSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0 && !allowFail) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-8).join('\n');
    throw new Error(`${tool} failed (exit ${result.status ?? result.signal}): ${result.error?.message ?? output}`);
  }
  return result;
}

function postgresIds() {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('running as root, but there is no `postgres` OS user to run PostgreSQL as (install Debian\'s postgresql package, or run as a normal user)');
  }
}

/** Runs SQL on the cluster through the `pg` driver (no psql needed). */
async function sql(url, statements) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Starts a cluster and creates `database` in it. Returns { url, adminUrl, port, dir, stop }.
 * `stop()` (also run at process exit) stops the server and removes the folder.
 */
export async function startCluster({ database = 'dsd', bin = findPgBin() } = {}) {
  if (!bin) throw new Error('no PostgreSQL binaries (initdb, pg_ctl, postgres) found in PATH, /usr/lib/postgresql/*/bin or /usr/local/bin');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsd-pg-'));
  if (isRoot) {
    const { uid, gid } = postgresIds();
    fs.chownSync(dir, uid, gid);
    fs.chmodSync(dir, 0o700);
  }
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  let running = false;
  let removed = false;
  const stop = () => {
    if (removed) return;
    removed = true;
    if (running) runTool(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], { allowFail: true });
    running = false;
    fs.rmSync(dir, { recursive: true, force: true });
    process.removeListener('exit', stop);
  };
  process.on('exit', stop);
  try {
    runTool(bin, 'initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    let port = 0;
    for (let attempt = 0; attempt < 5 && !running; attempt++) {
      port = await freePort();
      const options = [
        `-p ${port}`,
        `-k ${dir}`,
        '-c listen_addresses=127.0.0.1',
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
      ].join(' ');
      const result = runTool(bin, 'pg_ctl', ['-D', data, '-o', options, '-l', log, '-w', '-t', '60', 'start'], { allowFail: true });
      if (result.status === 0) running = true;
      else if (attempt === 4) {
        const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').slice(-5).join('\n') : '';
        throw new Error(`pg_ctl start failed: ${tail || result.stderr}`);
      }
    }
    const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    await sql(adminUrl, [`CREATE DATABASE "${database}"`]);
    return { url: `postgresql://postgres@127.0.0.1:${port}/${database}`, adminUrl, port, dir, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dash = process.argv.indexOf('--');
  const command = dash >= 0 ? process.argv.slice(dash + 1) : [];
  let cluster;
  try {
    cluster = await startCluster();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const quit = (code) => {
    cluster.stop();
    process.exit(code);
  };
  if (command.length === 0) {
    console.log(cluster.url);
    console.error('PostgreSQL is running; Ctrl-C stops it and removes its data.');
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => quit(0));
    setInterval(() => {}, 1 << 30);
  } else {
    const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, DATABASE_URL: cluster.url } });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code, signal) => quit(code ?? (signal ? 1 : 0)));
  }
}
