// A whole deployment on one machine, for the scale-out browser test and `npm run bench -- scale`: a throw-away
// PostgreSQL cluster (scripts/pg-cluster.mjs), N web servers of the built app with GRADER=remote (they only
// queue), and M grader workers (`npm run worker`). Everything shares one DATABASE_URL and SESSION_SECRET, as
// several machines behind a proxy would. Needs a build (`npm run build`) and PostgreSQL's server binaries.
//
//   const app = await startAppCluster({ webServers: 2, workers: 1 });
//   app.urls            → ['http://127.0.0.1:41234', …]
//   await app.addWorker(); app.killWorker(0, 'SIGKILL'); await app.stop();
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './fresh-server.mjs';
import { findPgBin, startCluster } from './pg-cluster.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsxLoader = require.resolve('tsx');

/** Why a scale-out run cannot start here, or null when it can (a build and PostgreSQL's binaries exist). */
export function clusterUnavailable() {
  if (!fs.existsSync(path.join(root, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'))) return 'no build: run `npm run build` first';
  if (!findPgBin()) return "no PostgreSQL server binaries (initdb, pg_ctl, postgres): install Debian's postgresql package";
  return null;
}

function collect(child, name) {
  let log = '';
  const add = (d) => {
    log += d;
    if (log.length > 20_000) log = log.slice(-10_000);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => `--- ${name} ---\n${log.slice(-3000)}`;
}

function waitExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * @param {{ webServers?: number, workers?: number, env?: Record<string, string>, workerEnv?: Record<string, string>, workerNice?: number }} [options]
 *   env: added to every process; workerEnv: added to workers; workerNice: run workers at this niceness (0–19), so that
 *   on one machine the workers' CPU does not starve the web servers — as separate grader machines would not.
 */
export async function startAppCluster(options = {}) {
  const unavailable = clusterUnavailable();
  if (unavailable) throw new Error(unavailable);
  const pg = await startCluster();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: pg.url,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    GRADER: 'remote',
    ...options.env,
  };
  const servers = [];
  const workers = [];
  const logs = [];
  const stop = async () => {
    await Promise.all([...servers, ...workers].map((child) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return waitExit(child, 8_000);
    }));
    pg.stop();
  };
  try {
    const migrate = spawnSync(process.execPath, [path.join(root, 'scripts', 'db-migrate.mjs')], { cwd: root, env, encoding: 'utf8' });
    if (migrate.status !== 0) throw new Error(`migration failed: ${migrate.stderr || migrate.stdout}`);
    const urls = [];
    for (let i = 0; i < (options.webServers ?? 2); i++) {
      const port = await freePort();
      const child = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs'), '--port', String(port), '--host', '127.0.0.1'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      servers.push(child);
      logs.push(collect(child, `web ${i + 1} (port ${port})`));
      urls.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all(urls.map((url, i) => waitForServer(url, servers[i])));

    let workerCount = 0;
    const addWorker = async (extraEnv = {}) => {
      const n = ++workerCount;
      const args = ['--import', tsxLoader, path.join(root, 'scripts', 'worker.mjs')];
      const niceness = options.workerNice ?? 0;
      const [command, argv] = niceness > 0 ? ['nice', ['-n', String(niceness), process.execPath, ...args]] : [process.execPath, args];
      const child = spawn(command, argv, {
        cwd: root,
        env: { ...env, NODE_ENV: 'production', GRADER_WORKER_ID: `worker-${n}`, ...options.workerEnv, ...extraEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      workers.push(child);
      logs.push(collect(child, `worker ${n}`));
      // Ready once it logs that it is grading (after its first claim attempt is wired up).
      await new Promise((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`worker ${n} did not start within 60 s\n${out}`)), 60_000);
        const onData = (d) => {
          out += d;
          if (out.includes('grading from')) {
            clearTimeout(timer);
            child.stdout.off('data', onData);
            resolve();
          }
        };
        child.stdout.on('data', onData);
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`worker ${n} exited with ${code} at start\n${out}`));
        });
      });
      return child;
    };
    for (let i = 0; i < (options.workers ?? 1); i++) await addWorker();

    return {
      pg,
      urls,
      servers,
      workers,
      env,
      addWorker,
      /** Stops worker i with `signal` (SIGKILL: a crash; SIGTERM: a graceful stop) and waits for it to exit. */
      async killWorker(i, signal = 'SIGKILL') {
        const child = workers[i];
        if (!child) throw new Error(`no worker ${i}`);
        child.kill(signal);
        await waitExit(child, 30_000);
      },
      logs: () => logs.map((l) => l()).join('\n'),
      stop,
    };
  } catch (error) {
    const tail = logs.map((l) => l()).join('\n');
    await stop();
    if (error instanceof Error && tail) error.message += `\n${tail}`;
    throw error;
  }
}

async function waitForServer(url, child, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the web server at ${url} exited early with code ${child.exitCode}`);
    const ok = await fetch(`${url}/api/me`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`the web server did not answer at ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
