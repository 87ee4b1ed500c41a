/**
 * The built server over plain HTTP, as an attacker or a crash would meet it (issue: hold under
 * abuse): API writes need the session the server issued, bodies are checked before anything is
 * stored, and submissions interrupted by a kill -9 reach a final state after a restart without
 * anyone polling. The last test starts its own server (scripts/server.mjs) on its own database.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { BASE_URL } from './support/browser';
import { freePort, startFreshServer } from '../../scripts/fresh-server.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const read = (lab: string, file: string) => fs.readFileSync(path.join(root, 'labs', lab, file), 'utf8');

/** A session the way a browser gets one: the cookie the first page view sets. */
async function sessionCookie(base = BASE_URL): Promise<string> {
  const res = await fetch(`${base}/labs`, { redirect: 'manual' });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('the first page view set no session cookie');
  return cookie;
}

const post = (url: string, body: BodyInit, headers: Record<string, string> = {}, init: RequestInit = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, ...init });

describe('API writes over HTTP', () => {
  it('without a session cookie, or with a token the server did not issue, a submission is refused with 401 and nothing is stored', async () => {
    const none = await post(`${BASE_URL}/api/labs/hello-counter/submissions`, JSON.stringify({ code: 'export {}' }));
    expect(none.status).toBe(401);
    expect((await none.json()).error).toMatch(/no session/);
    const madeUp = await post(`${BASE_URL}/api/labs/hello-counter/submissions`, JSON.stringify({ code: 'export {}' }), { cookie: `dsd_session=${'A'.repeat(43)}` });
    expect(madeUp.status).toBe(401);
    const forgedShape = await post(`${BASE_URL}/api/labs/hello-counter/submissions`, JSON.stringify({ code: 'export {}' }), { cookie: `dsd_session=${'A'.repeat(43)}.${'B'.repeat(43)}` });
    expect(forgedShape.status).toBe(401);
  });

  it('a lone UTF-16 surrogate is a 400 naming the field, and a chunked body over the limit is a 413', async () => {
    const cookie = await sessionCookie();
    const lone = await fetch(`${BASE_URL}/api/labs/hello-counter/draft`, { method: 'PUT', headers: { 'content-type': 'application/json', cookie }, body: '{"code":"\\ud800"}' });
    expect(lone.status).toBe(400);
    expect((await lone.json()).error).toMatch(/^code: the text holds a lone UTF-16 surrogate/);
    // 10 MB sent chunked (no Content-Length): refused once the limit is passed, not stored.
    const chunk = new TextEncoder().encode(`{"code":"${'x'.repeat(64 * 1024)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 10 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const big = await fetch(`${BASE_URL}/api/labs/hello-counter/draft`, { method: 'PUT', headers: { 'content-type': 'application/json', cookie }, body, duplex: 'half' } as RequestInit);
    expect(big.status).toBe(413);
    // A server-action body over Next's 1 MB limit: 413 from the app's server, not Next's 500.
    const action = await fetch(`${BASE_URL}/quiz`, { method: 'POST', headers: { 'next-action': '0'.repeat(40), 'content-type': 'text/plain;charset=UTF-8', cookie }, body: 'x'.repeat(2 * 1024 * 1024) });
    expect(action.status).toBe(413);
    expect(await action.text()).toMatch(/over 1024 KB; nothing was saved/);
    // The same sent chunked (no Content-Length), and an action body that is not the JSON Next's encoder sends.
    let actionSent = 0;
    const actionChunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    const chunked = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (actionSent >= 2 * 1024 * 1024) return controller.close();
        actionSent += actionChunk.byteLength;
        controller.enqueue(actionChunk);
      },
    });
    const chunkedAction = await fetch(`${BASE_URL}/quiz`, { method: 'POST', headers: { 'next-action': '0'.repeat(40), 'content-type': 'text/plain;charset=UTF-8', cookie }, body: chunked, duplex: 'half' } as RequestInit);
    expect(chunkedAction.status).toBe(413);
    const garbled = await fetch(`${BASE_URL}/quiz`, { method: 'POST', headers: { 'next-action': '0'.repeat(40), 'content-type': 'text/plain;charset=UTF-8', cookie }, body: '{"not json' });
    expect(garbled.status).toBe(400);
    expect(await garbled.text()).toMatch(/not valid/);
  });
});

describe('sign-in flood over HTTP', () => {
  const login = (base: string, identifier: string, headers: Record<string, string> = {}) =>
    post(`${base}/api/session`, JSON.stringify({ identifier, password: 'not-the-password-1' }), headers);

  it('spoofing X-Forwarded-For does not buy more attempts: one client gets 429s with Retry-After once its bucket is spent', async () => {
    const server = await startFreshServer(); // TRUST_PROXY unset: the address is the socket's
    try {
      // Bad input is a 400 or 415, never a 500; another site's page may not sign anyone in.
      expect((await post(`${server.base}/api/session`, '{"identifier": 1}')).status).toBe(400);
      expect((await fetch(`${server.base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'identifier=a&password=b' })).status).toBe(415);
      expect((await login(server.base, 'victim0', { origin: 'https://evil.example' })).status).toBe(403);
      // 40 parallel attempts at 40 different accounts (so the per-account bucket never decides), each with its own forged address.
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(server.base, `victim${i}`, { 'x-forwarded-for': `203.0.113.${i + 1}` })));
      const statuses = answers.map((r) => r.status);
      expect(new Set(statuses).size).toBeLessThanOrEqual(3);
      for (const s of statuses) expect([401, 429, 503]).toContain(s);
      const limited = answers.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThanOrEqual(15); // the per-client bucket holds 20 (one may refill during the burst)
      for (const r of limited) expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await limited[0]!.json()).error).toMatch(/Too many sign-in attempts/i);
    } finally {
      await server.stop();
    }
  });

  it('behind one trusted proxy, each forwarded address has its own bucket, and the account bucket still stops a spray at one account', async () => {
    const server = await startFreshServer({ env: { TRUST_PROXY: '1' } });
    try {
      const spread = await Promise.all(Array.from({ length: 8 }, (_, i) => login(server.base, `user${i}`, { 'x-forwarded-for': `198.51.100.${i + 1}` })));
      expect(spread.map((r) => r.status).filter((s) => s === 429)).toEqual([]);
      const sprayed: number[] = [];
      for (let i = 0; i < 8; i++) sprayed.push((await login(server.base, 'oneaccount', { 'x-forwarded-for': `192.0.2.${i + 1}` })).status);
      expect(sprayed.slice(0, 5).every((s) => s === 401)).toBe(true); // 5 attempts per account
      expect(sprayed.slice(5)).toEqual([429, 429, 429]);
    } finally {
      await server.stop();
    }
  });
});

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('recovery after kill -9', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dsd-recovery-'));
  const dbFile = path.join(tmp, 'recovery.db');
  const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, NODE_ENV: 'production' as const, SESSION_SECRET: 'recovery-test-secret-of-at-least-32-chars' };
  let server: ChildProcess | undefined;
  const start = async (port: number) => {
    server = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs'), '--port', String(port), '--host', '127.0.0.1'], { cwd: root, env, stdio: 'ignore' });
    await waitFor('the server to answer', async () => ((await fetch(`http://127.0.0.1:${port}/labs`)).ok ? true : undefined), 60_000);
  };
  afterAll(() => {
    server?.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('submissions running or queued when the server was killed reach a final state after a restart, with no request polling them', async () => {
    const migrate = spawnSync(process.execPath, [path.join(root, 'scripts', 'db-migrate.mjs')], { cwd: root, env, stdio: 'pipe' });
    expect(migrate.status, String(migrate.stderr)).toBe(0);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    await start(port);
    // Two learners, two submissions each (the per-learner cap): a slow one first, then the reference.
    const slow = `${read('hello-counter', '.meta/reference.ts')}\nfor (let i = 0; i < 3e8; i++) { /* slow to load: keeps the grader busy */ }\n`;
    const reference = read('hello-counter', '.meta/reference.ts');
    for (let learner = 0; learner < 2; learner++) {
      const cookie = await sessionCookie(base);
      for (const code of [slow, reference]) {
        const res = await post(`${base}/api/labs/hello-counter/submissions`, JSON.stringify({ code }), { cookie });
        expect(res.status).toBe(202);
      }
    }
    const db = new Database(dbFile, { readonly: true });
    const statuses = () => (db.prepare('SELECT status FROM LabSubmission').all() as { status: string }[]).map((r) => r.status);
    await waitFor('a submission to be running', async () => (statuses().includes('running') ? true : undefined), 60_000);
    server!.kill('SIGKILL');
    await new Promise((r) => server!.once('exit', r));
    expect(statuses().filter((s) => s === 'queued' || s === 'running').length).toBeGreaterThan(0);
    // Restart and send nothing: the server's start-up recovery must finish all of them by itself.
    await start(port);
    const final = await waitFor('every submission to finish', async () => {
      const s = statuses();
      return s.every((x) => x === 'passed' || x === 'failed' || x === 'error') ? s : undefined;
    }, 120_000);
    db.close();
    expect(final).toHaveLength(4);
    expect(final.filter((s) => s === 'passed').length).toBeGreaterThanOrEqual(2);
  }, 300_000);
});
