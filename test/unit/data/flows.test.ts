import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsData, RateLimitedError } from '@/lib/data/accounts';
import { InputError } from '@/lib/data/errors';
import { progressData, computeStreak, buildCalendar } from '@/lib/data/progress';
import { quizData } from '@/lib/data/quiz';
import { reviewData } from '@/lib/data/review';
import { LoginBuckets } from '@/lib/auth/login-limiter';
import { issueGuestToken, newSessionToken } from '@/lib/auth/session-cookie';
import { deviceProof, isKnownDevice } from '@/lib/auth/device-cookie';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { loadBank } from '@/lib/quiz/bank';
import { choiceId } from '@/lib/quiz/public';
import type { BankQuestion } from '@/lib/quiz/schema';
import type { Db, Viewer } from '@/lib/data/types';
import { createTestDb, makeUser } from './test-db';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(() => {
  ({ db, cleanup } = createTestDb());
});
afterAll(async () => cleanup());

/** The right (or a wrong) answer to a bank question, as the browser would send it. */
function answerFor(q: BankQuestion, right: boolean): unknown {
  switch (q.type) {
    case 'single':
      return { type: 'single', optionId: choiceId(q.id, q.options.find((o) => o.correct === right)!.text) };
    case 'multi':
      return { type: 'multi', optionIds: q.options.filter((o) => (right ? o.correct : true)).map((o) => choiceId(q.id, o.text)) };
    case 'truefalse':
      return { type: 'truefalse', value: right ? q.answer : !q.answer };
    case 'numeric':
      return { type: 'numeric', value: right ? q.answer : q.answer + (q.tolerance ?? 0) + 1 };
    case 'ordering': {
      const ids = q.items.map((t) => choiceId(q.id, t));
      return { type: 'ordering', order: right ? ids : [...ids].reverse() };
    }
    case 'scenario':
      return { type: 'scenario', selfGrade: right ? 'good' : 'again' };
  }
}

describe('a quiz from start to summary', () => {
  it('grades, schedules review cards, and summarises what to review', async () => {
    const user = await makeUser(db, 'quizzer');
    const quiz = quizData(db);
    const now = new Date('2026-03-02T10:00:00Z');
    const started = await quiz.startQuiz(user, { kind: 'topic', topic: 'raft', tag: 'leader-election', count: 4 });
    expect(started.questions).toHaveLength(4);
    const bank = loadBank();
    for (const q of started.questions) expect(bank.byId.get(q.id)!.tags).toContain('leader-election');
    const [first, second, ...rest] = started.questions.map((q) => bank.byId.get(q.id)!);
    const r1 = await quiz.submitAnswer(user, started.attemptId, first!.id, answerFor(first!, true), now);
    expect(r1.correct).toBe(true);
    const r2 = await quiz.submitAnswer(user, started.attemptId, second!.id, answerFor(second!, false), now);
    expect(r2.correct).toBe(false);
    expect(r2.explanation).toBe(second!.explanation);
    expect(r2.lesson.href).toMatch(/^\/learn\/raft\/leader-election/);
    const summary = await quiz.finishQuiz(user, started.attemptId, now);
    expect(summary).toMatchObject({ total: 4, answered: 2, correct: 1 });
    expect(summary.items.map((i) => i.correct)).toEqual([true, false, ...rest.map(() => null)]);
    expect(summary.toReview).toEqual([{ lesson: r2.lesson, questions: 1 }]);
    await expect(quiz.submitAnswer(user, started.attemptId, rest[0]!.id, answerFor(rest[0]!, true), now)).rejects.toThrow(/already finished/);

    // Both answered questions became cards: the wrong one is due within minutes, the right one later.
    const reviews = reviewData(db);
    const cards = await db.reviewCard.findMany({ where: { userId: user.id } });
    expect(cards).toHaveLength(2);
    const due = (id: string) => cards.find((c) => c.questionId === id)!.due.getTime() - now.getTime();
    expect(due(second!.id)).toBeLessThan(due(first!.id));
    const later = new Date(now.getTime() + 2 * 3600_000);
    expect((await reviews.stats(user, later)).dueNow).toBeGreaterThanOrEqual(1);
    const session = await quiz.startReview(user, later);
    expect(session!.questions.map((q) => q.id)).toContain(second!.id);
    expect(session!.kind).toBe('review');
  });

  it('rejects bad quiz requests with clear messages', async () => {
    const user = await makeUser(db, 'bad-input');
    const quiz = quizData(db);
    await expect(quiz.startQuiz(user, { kind: 'topic', topic: 'nope' })).rejects.toThrow(/unknown topic/);
    await expect(quiz.startQuiz(user, { kind: 'topic', topic: 'raft', tag: 'no-such-tag' })).rejects.toThrow(/no question is tagged "no-such-tag"/);
    await expect(quiz.startQuiz(user, { kind: 'mixed', count: 500 })).rejects.toThrow(/at most 50/);
    const mixed = await quiz.startQuiz(user, { kind: 'mixed', count: 10 });
    expect(new Set(mixed.questions.map((q) => q.topic)).size).toBeGreaterThan(3);
    const q = mixed.questions[0]!;
    await expect(quiz.submitAnswer(user, mixed.attemptId, q.id, { type: 'numeric', value: 'x' })).rejects.toThrow(InputError);
    const wrongType = q.type === 'truefalse' ? { type: 'numeric', value: 1 } : { type: 'truefalse', value: true };
    await expect(quiz.submitAnswer(user, mixed.attemptId, q.id, wrongType)).rejects.toThrow(/question, not/);
  });

  it('a failed lab adds related concept cards, due now', async () => {
    const user = await makeUser(db, 'labber');
    const now = new Date('2026-03-02T10:00:00Z');
    const added = await reviewData(db).addLabFailureCards(user, 'raft-election', now);
    expect(added.length).toBeGreaterThan(0);
    const bank = loadBank();
    for (const id of added) expect(bank.byId.get(id)!.topic).toBe('raft');
    const cards = await db.reviewCard.findMany({ where: { userId: user.id } });
    expect(cards.every((c) => c.source === 'lab' && c.due.getTime() === now.getTime())).toBe(true);
    expect((await reviewData(db).stats(user, now)).dueNow).toBe(added.length);
    await expect(reviewData(db).addLabFailureCards(user, 'nope', now)).rejects.toThrow(/unknown lab/);
  });
});

describe('progress', () => {
  it('records visits and reads, and reports them per topic with the place to continue', async () => {
    const user = await makeUser(db, 'reader');
    const p = progressData(db);
    const now = new Date('2026-03-02T10:00:00Z');
    await p.setLessonRead(user, { topic: 'raft', lesson: 'roles-and-terms' }, true, new Date(now.getTime() - 3600_000));
    expect(await p.recordLessonVisit(user, { topic: 'raft', lesson: 'leader-election' }, now)).toEqual({ read: false, readAt: null });
    await p.recordLessonVisit(user, { topic: 'raft', lesson: 'leader-election' }, now);
    await expect(p.recordLessonVisit(user, { topic: 'raft', lesson: 'nope' }, now)).rejects.toThrow(/lesson not found/);
    const dash = await p.getProgress(user, now);
    const raft = dash.topics.find((t) => t.id === 'raft')!;
    expect(raft.lessonsRead).toBe(1);
    expect(dash.continueLesson?.href).toBe('/learn/raft/leader-election');
    expect(dash.streak).toEqual({ current: 1, longest: 1, activeToday: true });
    expect(dash.calendar.flat().find((d) => d.day === '2026-03-02')!.lessons).toBe(1); // twice opened, counted once a day
  });

  it('computes streaks and a Monday-first calendar', () => {
    const now = new Date('2026-03-04T12:00:00Z'); // a Wednesday
    expect(computeStreak(new Set(['2026-03-02', '2026-03-03']), now)).toEqual({ current: 2, longest: 2, activeToday: false });
    expect(computeStreak(new Set(['2026-02-20', '2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04']), now)).toEqual({ current: 4, longest: 4, activeToday: true });
    expect(computeStreak(new Set(['2026-03-01']), now).current).toBe(0);
    const cal = buildCalendar([{ day: '2026-03-03', lessons: 1, answers: 4, labs: 0 }], now, 20);
    expect(cal).toHaveLength(20);
    expect(cal.at(-1)![0]!.day).toBe('2026-03-02');
    expect(cal.at(-1)![1]).toMatchObject({ day: '2026-03-03', count: 5 });
    expect(cal.at(-1)![3]!.future).toBe(true);
  });
});

describe('accounts', () => {
  it('hashes passwords with a per-user salt and verifies them', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterx', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });

  it('parallel first writes with one proxy-issued token make exactly one guest', async () => {
    const accounts = accountsData(db);
    const token = await issueGuestToken();
    const before = await db.user.count();
    const viewers = await Promise.all(Array.from({ length: 6 }, () => accounts.guestForToken(token)));
    expect(new Set(viewers.map((v) => v!.id)).size).toBe(1);
    expect(await db.user.count()).toBe(before + 1);
    expect((await accounts.viewerForToken(token))!.id).toBe(viewers[0]!.id);
    expect(await accounts.guestForToken('not-a-token')).toBeNull();
  });

  it('adopts only guest tokens this server issued: a made-up token of the right shape, or a forged signature, makes no guest', async () => {
    const accounts = accountsData(db);
    const before = await db.user.count();
    expect(await accounts.guestForToken(newSessionToken())).toBeNull();
    const issued = await issueGuestToken();
    const forged = `${newSessionToken()}.${issued.split('.')[1]}`;
    expect(await accounts.guestForToken(forged)).toBeNull();
    expect(await accounts.guestForToken(await issueGuestToken('another server secret, 32 characters long'))).toBeNull();
    expect(await db.user.count()).toBe(before);
    expect(await accounts.guestForToken(issued)).not.toBeNull();
  });

  it('a guest who signs up keeps their id and progress; sessions are stored hashed and end at sign-out', async () => {
    const accounts = accountsData(db);
    const guest = await accounts.createGuest();
    expect(guest.viewer.isGuest).toBe(true);
    expect(await db.session.count({ where: { id: guest.token } })).toBe(0); // only the hash is stored
    await progressData(db).setLessonRead(guest.viewer, { topic: 'cap', lesson: 'cap-theorem' }, true);
    const signed = await accounts.signUp(guest.viewer, { identifier: 'Grace', password: 'a long passphrase', confirm: 'a long passphrase' });
    expect(signed.viewer).toMatchObject({ id: guest.viewer.id, isGuest: false, username: 'grace', displayName: 'Grace' });
    expect(await accounts.viewerForToken(guest.token)).toBeNull(); // the guest session was replaced
    expect((await accounts.viewerForToken(signed.token))!.id).toBe(guest.viewer.id);
    expect((await progressData(db).getProgress(signed.viewer)).totals.lessonsRead).toBe(1);

    await accounts.signOut(signed.token);
    expect(await accounts.viewerForToken(signed.token)).toBeNull();
    const back = await accounts.logIn({ identifier: 'GRACE', password: 'a long passphrase' }, '1.2.3.4');
    expect(back.viewer.id).toBe(guest.viewer.id);
    await expect(accounts.logIn({ identifier: 'grace', password: 'wrong password!' }, '1.2.3.4')).rejects.toThrow(/Wrong username\/email or password/);
    await expect(accounts.logIn({ identifier: 'nobody', password: 'whatever123' }, '1.2.3.4')).rejects.toThrow(/Wrong username\/email or password/);
  });

  it('the interface language is saved to an account and comes back at login; a guest keeps it in the cookie only', async () => {
    const accounts = accountsData(db);
    const guest = await accounts.createGuest();
    await accounts.setAccountLocale(guest.viewer, 'zh-CN');
    expect((await db.user.findUnique({ where: { id: guest.viewer.id } }))!.locale).toBeNull();
    const signed = await accounts.signUp(guest.viewer, { identifier: 'Lin', password: 'a long passphrase', confirm: 'a long passphrase' });
    expect(signed.viewer.locale).toBeNull();
    await accounts.setAccountLocale(signed.viewer, 'zh-CN');
    expect((await accounts.viewerForToken(signed.token))!.locale).toBe('zh-CN');
    const back = await accounts.logIn({ identifier: 'lin', password: 'a long passphrase' }, '1.2.3.5');
    expect(back.viewer.locale).toBe('zh-CN');
  });

  it('validates sign-up input field by field', async () => {
    const accounts = accountsData(db);
    const fields = async (input: unknown) => {
      try {
        await accounts.signUp(null, input);
        return null;
      } catch (error) {
        return (error as InputError).fields;
      }
    };
    expect(await fields({ identifier: 'ab', password: 'long enough pw', confirm: 'long enough pw' })).toMatchObject({ identifier: expect.stringMatching(/3–32/) });
    expect(await fields({ identifier: 'x@', password: 'long enough pw', confirm: 'long enough pw' })).toMatchObject({ identifier: expect.stringMatching(/email/) });
    expect(await fields({ identifier: 'okname', password: 'short', confirm: 'short' })).toMatchObject({ password: expect.stringMatching(/at least 10/) });
    expect(await fields({ identifier: 'okname', password: 'long enough pw', confirm: 'other one' })).toMatchObject({ confirm: 'the two passwords differ' });
    await accounts.signUp(null, { identifier: 'Ada@Example.com', password: 'long enough pw', confirm: 'long enough pw' });
    expect(await fields({ identifier: 'ada@example.com', password: 'long enough pw', confirm: 'long enough pw' })).toMatchObject({ identifier: /already has an account/ });
    const someone = await makeUser(db, 'signed-in');
    await expect(accounts.signUp(someone, { identifier: 'another', password: 'long enough pw', confirm: 'long enough pw' })).rejects.toThrow(/already signed in/);
  });

  it('strangers spending an account’s attempts cannot lock its owner out of a browser the owner signed in from', async () => {
    const accounts = accountsData(db, {
      perAccount: new LoginBuckets({ capacity: 3, refillTokens: 1, refillIntervalMs: 30_000 }),
      perClient: new LoginBuckets({ capacity: 100, refillTokens: 1, refillIntervalMs: 1000 }),
      signUpPerClient: new LoginBuckets({ capacity: 100, refillTokens: 1, refillIntervalMs: 1000 }),
    });
    await accounts.signUp(null, { identifier: 'owner', password: 'owner passphrase', confirm: 'owner passphrase' });
    const t0 = new Date('2026-03-02T11:00:00Z');
    const first = await accounts.logIn({ identifier: 'owner', password: 'owner passphrase' }, 'home', t0);
    const proof = deviceProof(first.accountKey);
    // Attackers elsewhere keep the per-account bucket empty.
    for (let i = 0; i < 5; i++) await accounts.logIn({ identifier: 'owner', password: 'guess ' + i }, `bot-${i}`, t0).catch(() => undefined);
    await expect(accounts.logIn({ identifier: 'owner', password: 'owner passphrase' }, 'cafe', t0)).rejects.toThrow(RateLimitedError);
    // The owner's browser shows its device cookie: the per-account bucket does not apply to it.
    const back = await accounts.logIn({ identifier: 'owner', password: 'owner passphrase' }, 'home', t0, (key) => isKnownDevice(proof, key));
    expect(back.viewer.username).toBe('owner');
    // A proof for another account, or a forged one, is no key.
    expect(isKnownDevice(deviceProof('someone-else'), 'owner')).toBe(false);
    expect(isKnownDevice('x'.repeat(43), 'owner')).toBe(false);
  });

  it('rate-limits login attempts with a token bucket', async () => {
    const accounts = accountsData(db, { perAccount: new LoginBuckets({ capacity: 3, refillTokens: 1, refillIntervalMs: 30_000 }), perClient: new LoginBuckets({ capacity: 100, refillTokens: 1, refillIntervalMs: 1000 }), signUpPerClient: new LoginBuckets({ capacity: 100, refillTokens: 1, refillIntervalMs: 1000 }) });
    await accounts.signUp(null, { identifier: 'limited', password: 'long enough pw', confirm: 'long enough pw' });
    const t0 = new Date('2026-03-02T10:00:00Z');
    for (let i = 0; i < 3; i++) await expect(accounts.logIn({ identifier: 'limited', password: 'wrong password' }, 'c', t0)).rejects.toThrow(InputError);
    await expect(accounts.logIn({ identifier: 'limited', password: 'long enough pw' }, 'c', t0)).rejects.toThrow(RateLimitedError);
    // One token back after 30 s: the right password works again.
    expect((await accounts.logIn({ identifier: 'limited', password: 'long enough pw' }, 'c', new Date(t0.getTime() + 30_000))).viewer.username).toBe('limited');
  });

  it('the login buckets refill at their rate, survive a clock step back, and bound their memory', () => {
    const b = new LoginBuckets({ capacity: 2, refillTokens: 1, refillIntervalMs: 1000 }, 3);
    expect(b.take('k', 10_000).ok).toBe(true);
    expect(b.take('k', 10_000).ok).toBe(true);
    expect(b.take('k', 10_000)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(b.take('k', 9_000).ok).toBe(false); // the clock stepped back: no error, no free token
    expect(b.take('k', 11_000).ok).toBe(true);
    expect(b.take('other', 11_000).ok).toBe(true);
    for (const k of ['a', 'b', 'c']) b.take(k, 11_000); // past maxKeys the buckets start afresh
    expect(b.take('k', 11_000).ok).toBe(true);
  });

  it('expired sessions are refused and removed; deleting an account removes everything', async () => {
    const accounts = accountsData(db);
    const guest = await accounts.createGuest(new Date('2020-01-01T00:00:00Z'));
    expect(await accounts.viewerForToken(guest.token, new Date('2022-01-01T00:00:00Z'))).toBeNull();
    expect(await db.session.count({ where: { userId: guest.viewer.id } })).toBe(0);
    const u: Viewer = guest.viewer;
    await progressData(db).setLessonRead(u, { topic: 'cap', lesson: 'cap-theorem' }, true);
    await accounts.deleteAccount(u);
    expect(await db.lessonProgress.count({ where: { userId: u.id } })).toBe(0);
    expect(await db.user.count({ where: { id: u.id } })).toBe(0);
  });
});
