import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, makeUser } from '../data/test-db';
import { labRecords, type LabRecords } from '@/lib/labs/lab-records';
import { SubmissionQueue } from '@/lib/labs/submission-queue';
import { LoginBuckets } from '@/lib/auth/login-limiter';
import { apiTokensData } from '@/lib/data/api-tokens';
import { gradeSubmission, WorkerPool } from '@/grader';
import type { Db, Viewer } from '@/lib/data/types';
import type * as LabRecordsModule from '@/lib/labs/lab-records';
import type * as ApiTokensModule from '@/lib/data/api-tokens';

/**
 * The CLI as a learner uses it, spawned as a process: init → test (fails, exit 1) → the reference →
 * test (passes, exit 0) → login with an API token made in the test database → submit to a server
 * → passed, and the submission is in that learner's history; a revoked token → a clear error, exit 2.
 *
 * The server is the app's real route handlers (POST /api/labs/[lab]/submissions, GET
 * /api/submissions/[id]) behind a node:http server in this process, on a fresh SQLite database, with
 * a real grading queue and worker pool: scripts/fresh-server.mjs needs `next build`, which these
 * unit tests must not depend on. No cookie ever reaches the handlers, so only the bearer token
 * can make the submission succeed.
 */

const state = vi.hoisted(() => ({ db: null as unknown, records: null as unknown, queue: null as unknown, limiter: null as unknown }));

vi.mock('@/lib/auth/session', () => ({ currentViewer: async () => null, viewerForApiWrite: async () => null }));
vi.mock('@/lib/labs/lab-records', async (importOriginal) => ({ ...(await importOriginal<typeof LabRecordsModule>()), records: () => state.records }));
vi.mock('@/lib/labs/grading', () => ({ submissionQueue: () => state.queue, submitLimiter: () => state.limiter, submissionCaps: () => ({ perLearner: 5, total: 100 }) }));
vi.mock('@/lib/data/api-tokens', async (importOriginal) => {
  const original = await importOriginal<typeof ApiTokensModule>();
  return { ...original, bearerAuth: (request: Request) => original.apiTokensData(state.db as Db).bearerAuth(request) };
});

const submissionsRoute = await import('@/app/api/labs/[lab]/submissions/route');
const submissionRoute = await import('@/app/api/submissions/[id]/route');

const BIN = path.resolve('scripts/lab-cli/bin.mjs');
const REFERENCE = fs.readFileSync(path.resolve('labs/hello-counter/.meta/reference.ts'), 'utf8');

let db: Db;
let cleanupDb: () => Promise<void>;
let recs: LabRecords;
let pool: WorkerPool;
let server: http.Server;
let base: string;
let work: string;
let learner: Viewer;
let token: string;
let tokenId: string;

async function toRequest(req: http.IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  return new Request(`${base}${req.url}`, { method: req.method, headers, ...(body && req.method !== 'GET' ? { body } : {}) });
}

async function route(req: http.IncomingMessage): Promise<Response> {
  const url = new URL(req.url ?? '/', 'http://x');
  const list = /^\/api\/labs\/([^/]+)\/submissions$/.exec(url.pathname);
  const one = /^\/api\/submissions\/([^/]+)$/.exec(url.pathname);
  const request = await toRequest(req);
  if (list && req.method === 'POST') return submissionsRoute.POST(request, { params: Promise.resolve({ lab: list[1]! }) });
  if (list && req.method === 'GET') return submissionsRoute.GET(request, { params: Promise.resolve({ lab: list[1]! }) });
  if (one && req.method === 'GET') return submissionRoute.GET(request, { params: Promise.resolve({ id: one[1]! }) });
  return Response.json({ error: 'not found' }, { status: 404 });
}

function runCli(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: work,
      env: { ...process.env, DOJO_LAB_CONFIG: path.join(work, 'config.json'), NO_COLOR: '1', LANG: 'C', DOJO_LAB_SERVER: '', DOJO_LAB_TOKEN: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      // CLI_TRANSCRIPT=<file> records the session (the README's terminal transcript comes from it).
      if (process.env.CLI_TRANSCRIPT) fs.appendFileSync(process.env.CLI_TRANSCRIPT, `$ npm run lab -- ${args.join(' ')}\n${stderr}${stdout}[exit ${code}]\n\n`);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

beforeAll(async () => {
  ({ db, cleanup: cleanupDb } = createTestDb());
  state.db = db;
  recs = labRecords(db);
  state.records = recs;
  pool = new WorkerPool({ size: 1, sandbox: 'isolated-vm', rootDir: process.cwd() });
  state.queue = new SubmissionQueue({ records: recs, grade: (r) => gradeSubmission(r, { pool, labsDir: path.resolve('labs') }), concurrency: 1, log: () => undefined });
  state.limiter = new LoginBuckets({ capacity: 10, refillTokens: 1, refillIntervalMs: 60_000 });
  learner = await makeUser(db, 'cli-learner');
  const created = await apiTokensData(db).create(learner, { name: 'laptop' });
  token = created.token;
  tokenId = created.view.id;
  server = http.createServer((req, res) => {
    void route(req).then(async (answer) => {
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'dsd-cli-'));
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await pool?.close();
  await cleanupDb?.();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('npm run lab, as a process', () => {
  it('init → test fails (1) → reference → test passes (0) → login → submit passes and shows in History → revoked token (2)', async () => {
    const init = await runCli(['init', 'hello-counter', 'hc']);
    expect(init.code, init.stderr).toBe(0);
    for (const f of ['solution.ts', 'api.d.ts', 'visible.test.ts', 'README.md', 'tsconfig.json', '.dojo-lab.json']) expect(fs.existsSync(path.join(work, 'hc', f)), f).toBe(true);
    expect(fs.readFileSync(path.join(work, 'hc', 'README.md'), 'utf8')).not.toMatch(/<Hint|<Term|<Callout/);
    const again = await runCli(['init', 'hello-counter', 'hc']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already has solution\.ts.*\n.*--force/);

    const failing = await runCli(['test', 'hc']);
    expect(failing.code, failing.stderr).toBe(1);
    // The starter throws TODO in apply(): every visible test errors ("!"), with the starter's own message.
    expect(failing.stdout).toMatch(/! a retry is answered with its first reply and not applied again/);
    expect(failing.stdout).toMatch(/TODO: apply the request/);
    expect(failing.stdout).toMatch(/0\/2 tests passed/);
    expect(failing.stdout).not.toMatch(/\u001b\[/);

    fs.writeFileSync(path.join(work, 'hc', 'solution.ts'), REFERENCE);
    const passing = await runCli(['test', 'hc']);
    expect(passing.code, passing.stderr).toBe(0);
    expect(passing.stdout).toMatch(/All tests passed\./);
    const json = await runCli(['--json', 'test', 'hc']);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'pass', labId: 'hello-counter', mode: 'visible' });

    const login = await runCli(['login', '--server', base], `${token}\n`);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toMatch(/Logged in to http:\/\/127\.0\.0\.1/);
    expect((fs.statSync(path.join(work, 'config.json')).mode & 0o777).toString(8)).toBe('600');

    // A wrong solution (the reference without its retry check), submitted: the hidden result as the browser shows
    // it, failures with seeds (exit 1).
    const wrong = REFERENCE.replace('if (request.seq === session.lastSeq) return session.lastReply;', '');
    expect(wrong).not.toBe(REFERENCE);
    fs.writeFileSync(path.join(work, 'hc', 'solution.ts'), wrong);
    const failed = await runCli(['submit', 'hc']);
    expect(failed.code, failed.stderr + failed.stdout).toBe(1);
    expect(failed.stdout).toMatch(/✗ visible › a retry is answered/);
    expect(failed.stdout).toMatch(/seed \d+\n/);
    expect(failed.stdout).toMatch(/Hidden tests cannot be run locally/);

    fs.writeFileSync(path.join(work, 'hc', 'solution.ts'), REFERENCE);
    const submit = await runCli(['submit', 'hc']);
    expect(submit.code, submit.stderr + submit.stdout).toBe(0);
    expect(submit.stdout).toMatch(/All tests passed\./);
    expect(submit.stdout).toMatch(/visible › a retry is answered/);
    const history = await recs.listSubmissions(learner, 'hello-counter');
    expect(history.map((h) => h.status)).toEqual(['passed', 'failed']);
    const tokens = await apiTokensData(db).list(learner);
    expect(tokens[0]!.lastUsedAt).not.toBeNull();

    const list = await runCli(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/hello-counter\s+idempotency\s+intro\s+25 min\s+solved/);

    await apiTokensData(db).revoke(learner, tokenId);
    const revoked = await runCli(['submit', 'hc']);
    expect(revoked.code).toBe(2);
    expect(revoked.stderr).toMatch(/revoked/);
    expect(await recs.listSubmissions(learner, 'hello-counter')).toHaveLength(2);
  }, 120_000);
});
