import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDb, makeUser } from '../data/test-db';
import { labRecords, type LabRecords } from '@/lib/labs/lab-records';
import { SubmissionQueue } from '@/lib/labs/submission-queue';
import { SubmissionWatch } from '@/lib/labs/submission-watch';
import { LoginBuckets } from '@/lib/auth/login-limiter';
import type { Db, Viewer } from '@/lib/data/types';
import type { GradeResult } from '@/grader/results-schema';
import type * as LabRecordsModule from '@/lib/labs/lab-records';

const state = vi.hoisted(() => ({
  viewer: null as Viewer | null,
  guest: null as Viewer | null,
  records: null as unknown,
  queue: null as unknown,
  limiter: null as unknown,
  watch: null as unknown,
  /** Whether the request carries a session cookie (the proxy issues one on the first page view). */
  hasToken: true,
  caps: { perLearner: 100, total: 1_000 },
}));

vi.mock('@/lib/auth/session', () => ({
  currentViewer: async () => state.viewer,
  viewerForApiWrite: async () => {
    if (!state.hasToken) return null;
    state.viewer ??= state.guest;
    return state.viewer;
  },
}));
vi.mock('@/lib/labs/lab-records', async (importOriginal) => ({
  ...(await importOriginal<typeof LabRecordsModule>()),
  records: () => state.records,
}));
vi.mock('@/lib/labs/grading', () => ({
  submissionQueue: () => state.queue,
  submissionWatch: () => state.watch,
  submitLimiter: () => state.limiter,
  submissionCaps: () => state.caps,
}));

const { GET: getSuite } = await import('@/app/api/labs/[lab]/visible-suite/route');
const draftRoute = await import('@/app/api/labs/[lab]/draft/route');
const submissionsRoute = await import('@/app/api/labs/[lab]/submissions/route');
const { GET: getSubmission } = await import('@/app/api/submissions/[id]/route');
const { GET: getLabs } = await import('@/app/api/labs/route');

const lab = (id: string) => ({ params: Promise.resolve({ lab: id }) });
const jsonRequest = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request('http://test/api', { method, headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

let db: Db;
let cleanup: () => Promise<void>;
let recs: LabRecords;
let grades: string[];
const pass: GradeResult = { status: 'pass', labId: 'hello-counter', mode: 'hidden', sandbox: 'fake', tests: [{ name: 't', status: 'pass', durationMs: 1 }], timings: { transpileMs: 1, bundleMs: 1, queueMs: 0, runMs: 1, totalMs: 3 } };

beforeAll(() => {
  ({ db, cleanup } = createTestDb());
  recs = labRecords(db);
  state.records = recs;
});
afterAll(async () => {
  await cleanup();
});
beforeEach(async () => {
  grades = [];
  state.viewer = null;
  state.hasToken = true;
  state.caps = { perLearner: 100, total: 1_000 };
  state.guest = await makeUser(db, `guest-${Math.random().toString(36).slice(2)}`);
  state.queue = new SubmissionQueue({
    records: recs,
    grade: async (r) => {
      grades.push(r.code);
      return pass;
    },
    concurrency: 1,
    log: () => undefined,
  });
  state.limiter = new LoginBuckets({ capacity: 3, refillTokens: 1, refillIntervalMs: 60_000 });
  state.watch = new SubmissionWatch({ statusesOf: (ids) => recs.statusesOf(ids), positionOf: (id) => (state.queue as SubmissionQueue).position(id), intervalMs: 10 });
});

describe('GET /api/labs/[lab]/visible-suite', () => {
  it('serves the visible suite as a script with an ETag and answers 304 when unchanged', async () => {
    const res = await getSuite(new Request('http://test/'), lab('hello-counter'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('x-lab-stages')).toBe('apply,dedup,lossy-network');
    expect(res.headers.get('x-lab-exports')).toBe('Counter');
    const body = await res.text();
    expect(body).toContain('__graderStep');
    expect(body).toContain('a retry is answered with its first reply');
    // Nothing from the hidden suite or the reference.
    expect(body).not.toContain('hidden-audit-marker');
    expect(body).not.toContain('exactly once under drops');
    expect(body).not.toContain('lastReply');
    const again = await getSuite(new Request('http://test/', { headers: { 'if-none-match': res.headers.get('etag') ?? '' } }), lab('hello-counter'));
    expect(again.status).toBe(304);
  });

  it('404s unknown and malformed lab ids', async () => {
    expect((await getSuite(new Request('http://test/'), lab('no-such-lab'))).status).toBe(404);
    expect((await getSuite(new Request('http://test/'), lab('../grader'))).status).toBe(404);
  });
});

describe('drafts', () => {
  it('GET without a session answers null and creates nobody; PUT saves for the (guest) learner', async () => {
    const empty = await draftRoute.GET(new Request('http://test/'), lab('hello-counter'));
    expect(await empty.json()).toEqual({ draft: null });
    expect(state.viewer).toBeNull();
    const saved = await draftRoute.PUT(jsonRequest('PUT', { code: 'export class Counter {}' }), lab('hello-counter'));
    expect(saved.status).toBe(200);
    expect(saved.headers.get('cache-control')).toContain('no-store');
    const got = await (await draftRoute.GET(new Request('http://test/'), lab('hello-counter'))).json();
    expect(got.draft.code).toBe('export class Counter {}');
  });

  it('validates the body: 415 without JSON, 400 for bad JSON, wrong types and extra keys, 413 over 64 KB', async () => {
    const put = (req: Request) => draftRoute.PUT(req, lab('hello-counter'));
    expect((await put(new Request('http://test/', { method: 'PUT', body: '{"code":"x"}' }))).status).toBe(415);
    expect((await put(jsonRequest('PUT', '{"code":'))).status).toBe(400);
    const wrongType = await put(jsonRequest('PUT', { code: 42 }));
    expect(wrongType.status).toBe(400);
    expect((await wrongType.json()).error).toMatch(/code/);
    expect((await put(jsonRequest('PUT', { code: 'x', userId: 'someone-else' }))).status).toBe(400);
    const big = await put(jsonRequest('PUT', { code: 'x'.repeat(65 * 1024) }));
    expect(big.status).toBe(413);
    expect((await big.json()).error).toMatch(/65\.0 KB; the limit for this lab is 64 KB/);
    expect((await put(jsonRequest('PUT', { code: 'x'.repeat(300 * 1024) }))).status).toBe(413);
    expect((await draftRoute.PUT(jsonRequest('PUT', { code: 'x' }), lab('nope'))).status).toBe(404);
  });
});

describe('submissions', () => {
  it('POST queues a submission (202), grading happens off the request, GET polls it to its verdict', async () => {
    const res = await submissionsRoute.POST(jsonRequest('POST', { code: 'export class Counter {}' }), lab('hello-counter'));
    expect(res.status).toBe(202);
    const { submission } = await res.json();
    expect(submission.status).toBe('queued');
    expect(res.headers.get('location')).toBe(`/api/submissions/${submission.id}`);
    await (state.queue as SubmissionQueue).idle();
    expect(grades).toEqual(['export class Counter {}']);
    const polled = await (await getSubmission(new Request('http://test/'), { params: Promise.resolve({ id: submission.id }) })).json();
    expect(polled.submission).toMatchObject({ status: 'passed', passedTests: 1, totalTests: 1, code: 'export class Counter {}' });
    expect(polled.submission.results.tests[0].name).toBe('t');
    const list = await (await submissionsRoute.GET(new Request('http://test/'), lab('hello-counter'))).json();
    expect(list.submissions).toHaveLength(1);
    expect(list.submissions[0]).not.toHaveProperty('code');
    const labs = await (await getLabs()).json();
    expect(labs.labs.find((l: { id: string }) => l.id === 'hello-counter').state).toMatchObject({ solved: true, attempts: 1 });
  });

  it('413 over the lab’s own limit (hello-counter: 32 KB), 400 for empty code, nothing stored', async () => {
    const big = await submissionsRoute.POST(jsonRequest('POST', { code: 'x'.repeat(33 * 1024) }), lab('hello-counter'));
    expect(big.status).toBe(413);
    expect((await big.json()).error).toMatch(/limit for this lab is 32 KB/);
    expect((await submissionsRoute.POST(jsonRequest('POST', { code: '  \n' }), lab('hello-counter'))).status).toBe(400);
    expect((await submissionsRoute.POST(jsonRequest('POST', {}), lab('hello-counter'))).status).toBe(400);
    expect(grades).toEqual([]);
  });

  it('429 with Retry-After once the learner’s bucket is empty', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await submissionsRoute.POST(jsonRequest('POST', { code: `v${i}` }), lab('hello-counter'));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await last!.json()).error).toMatch(/Too many submissions/);
    await (state.queue as SubmissionQueue).idle();
  });

  it('400 for code holding a lone UTF-16 surrogate, which the database could not store; a surrogate pair is fine', async () => {
    const lone = await draftRoute.PUT(jsonRequest('PUT', '{"code":"const s = \\"\\ud800\\";"}'), lab('hello-counter'));
    expect(lone.status).toBe(400);
    expect((await lone.json()).error).toMatch(/^code: the text holds a lone UTF-16 surrogate/);
    const submit = await submissionsRoute.POST(jsonRequest('POST', '{"code":"\\udc00 x"}'), lab('hello-counter'));
    expect(submit.status).toBe(400);
    const pair = await draftRoute.PUT(jsonRequest('PUT', { code: 'const s = "😀";' }), lab('hello-counter'));
    expect(pair.status).toBe(200);
  });

  it('401 for a write without a session cookie: an API call never creates a guest', async () => {
    state.hasToken = false;
    const submit = await submissionsRoute.POST(jsonRequest('POST', { code: 'x' }), lab('hello-counter'));
    expect(submit.status).toBe(401);
    expect((await submit.json()).error).toMatch(/no session: reload the lab page/);
    expect((await draftRoute.PUT(jsonRequest('PUT', { code: 'x' }), lab('hello-counter'))).status).toBe(401);
    expect(await recs.unfinishedCount(null)).toBe(0);
  });

  it('caps one learner’s ungraded submissions (429) and everyone’s (503), with Retry-After', async () => {
    // A queue that never finishes grading, so submissions stay queued or running.
    state.queue = new SubmissionQueue({ records: recs, grade: () => new Promise<never>(() => {}), concurrency: 1, log: () => undefined });
    state.caps = { perLearner: 2, total: 3 };
    const post = () => submissionsRoute.POST(jsonRequest('POST', { code: 'x' }), lab('hello-counter'));
    expect([(await post()).status, (await post()).status]).toEqual([202, 202]);
    const third = await post();
    expect(third.status).toBe(429);
    expect((await third.json()).error).toMatch(/already have 2 submissions waiting/);
    expect(third.headers.get('retry-after')).toBe('5');
    // Another learner: the global cap (3) is reached after one more.
    state.viewer = await makeUser(db, `other-${Math.random().toString(36).slice(2)}`);
    expect((await post()).status).toBe(202);
    const full = await post();
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('30');
  });

  it('GET ?wait= is a long poll: it answers when the verdict is recorded, at once when the browser is behind, and 400s a malformed wait', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    state.queue = new SubmissionQueue({
      records: recs,
      grade: async () => {
        await gate;
        return pass;
      },
      concurrency: 1,
      log: () => undefined,
    });
    const { submission } = await (await submissionsRoute.POST(jsonRequest('POST', { code: 'slow' }), lab('hello-counter'))).json();
    const params = { params: Promise.resolve({ id: submission.id }) };
    await vi.waitFor(async () => expect((await recs.getSubmission(state.viewer!, submission.id)).status).toBe('running'));
    // The browser saw "queued": the server has moved on, so the answer comes at once.
    const behind = await (await getSubmission(new Request(`http://test/?wait=20&status=queued`), params)).json();
    expect(behind.submission.status).toBe('running');
    // The browser is up to date: the answer waits for the verdict.
    let answered = false;
    const waiting = getSubmission(new Request(`http://test/?wait=20&status=running`), params).then(async (r) => {
      answered = true;
      return r.json();
    });
    await vi.waitFor(() => expect((state.watch as SubmissionWatch).waiting).toBe(1));
    for (let i = 0; i < 5; i++) await (state.watch as SubmissionWatch).check();
    expect(answered).toBe(false);
    expect((state.watch as SubmissionWatch).waiting).toBe(1);
    release();
    await (state.queue as SubmissionQueue).idle();
    const done = await waiting;
    expect(done.submission).toMatchObject({ status: 'passed', passedTests: 1 });
    expect((state.watch as SubmissionWatch).waiting).toBe(0);
    // Malformed waits are refused with what the parameters take; nothing waits.
    for (const q of ['wait=0&status=running', 'wait=26&status=running', 'wait=abc&status=running', 'wait=5', 'wait=5&status=passed', 'wait=5&status=running&position=-1']) {
      const res = await getSubmission(new Request(`http://test/?${q}`), params);
      expect(res.status, q).toBe(400);
      expect((await res.json()).error, q).toMatch(/wait= takes whole seconds from 1 to 25/);
    }
  });

  it('a long poll ends when the browser leaves, and one learner cannot hold more than four', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    state.queue = new SubmissionQueue({
      records: recs,
      grade: async () => {
        await gate;
        return pass;
      },
      concurrency: 1,
      log: () => undefined,
    });
    const { submission } = await (await submissionsRoute.POST(jsonRequest('POST', { code: 'slow' }), lab('hello-counter'))).json();
    const params = { params: Promise.resolve({ id: submission.id }) };
    await vi.waitFor(async () => expect((await recs.getSubmission(state.viewer!, submission.id)).status).toBe('running'));
    const watch = state.watch as SubmissionWatch;
    const leaving = new AbortController();
    const left = getSubmission(new Request('http://test/?wait=20&status=running', { signal: leaving.signal }), params);
    const held = [1, 2, 3].map(() => getSubmission(new Request('http://test/?wait=20&status=running'), params));
    await vi.waitFor(() => expect(watch.waiting).toBe(4));
    // A fifth wait by the same learner is answered at once, unchanged: the browser pauses before asking again.
    const fifth = await (await getSubmission(new Request('http://test/?wait=20&status=running'), params)).json();
    expect(fifth.submission.status).toBe('running');
    expect(watch.waiting).toBe(4);
    leaving.abort();
    await left;
    expect(watch.waiting).toBe(3);
    release();
    await (state.queue as SubmissionQueue).idle();
    for (const r of await Promise.all(held)) expect((await r.json()).submission.status).toBe('passed');
    expect(watch.waiting).toBe(0);
  });

  it('someone else’s submission is a 404, as is any id without a session', async () => {
    const res = await submissionsRoute.POST(jsonRequest('POST', { code: 'mine' }), lab('hello-counter'));
    const { submission } = await res.json();
    await (state.queue as SubmissionQueue).idle();
    state.viewer = await makeUser(db, `intruder-${Math.random().toString(36).slice(2)}`);
    expect((await getSubmission(new Request('http://test/'), { params: Promise.resolve({ id: submission.id }) })).status).toBe(404);
    state.viewer = null;
    expect((await getSubmission(new Request('http://test/'), { params: Promise.resolve({ id: submission.id }) })).status).toBe(404);
    expect((await getSubmission(new Request('http://test/'), { params: Promise.resolve({ id: '../../etc' }) })).status).toBe(404);
  });
});
