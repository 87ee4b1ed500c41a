import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpData } from '@/lib/data/help';
import { labRecords } from '@/lib/labs/lab-records';
import type { GradeResult } from '@/grader/results-schema';
import type { Db, Viewer } from '@/lib/data/types';
import { createTestDb, makeUser } from './test-db';

/** Walkthrough unlocks (issue 19): earned by failed submissions or requested, recorded once, per learner. */
let db: Db;
let cleanup: () => Promise<void>;
beforeAll(() => {
  ({ db, cleanup } = createTestDb());
});
afterAll(async () => cleanup());

const failed: GradeResult = {
  status: 'fail',
  labId: 'hello-counter',
  mode: 'hidden',
  sandbox: 'test',
  tests: [{ name: 'a', stage: 'apply', status: 'fail', message: 'no', durationMs: 1 }],
  timings: { transpileMs: 0, bundleMs: 0, queueMs: 0, runMs: 0, totalMs: 0 },
};

async function fail(user: Viewer, labId: string, at: Date): Promise<void> {
  const labs = labRecords(db);
  const s = await labs.createSubmission(user, labId, 'x', at);
  await labs.claim(s.id, at);
  await labs.finish(s.id, { ...failed, labId }, at);
}

describe('walkthrough unlocks', () => {
  it('unlock after the threshold-th failed submission, recorded at that moment, and only for that learner', async () => {
    const help = helpData(db);
    const ann = await makeUser(db, 'ann-help');
    const bob = await makeUser(db, 'bob-help');
    expect(await help.walkthroughState(null, 'hello-counter', 3)).toEqual({ labId: 'hello-counter', failedSubmissions: 0, threshold: 3, unlock: null });
    await fail(ann, 'hello-counter', new Date('2026-12-01T10:00:00Z'));
    await fail(ann, 'hello-counter', new Date('2026-12-01T10:05:00Z'));
    let state = await help.walkthroughState(ann, 'hello-counter', 3);
    expect(state.failedSubmissions).toBe(2);
    expect(state.unlock).toBeNull();
    await fail(ann, 'hello-counter', new Date('2026-12-01T10:09:00Z'));
    await fail(ann, 'hello-counter', new Date('2026-12-01T10:20:00Z'));
    state = await help.walkthroughState(ann, 'hello-counter', 3);
    expect(state.failedSubmissions).toBe(4);
    expect(state.unlock).toEqual({ labId: 'hello-counter', reason: 'failures', unlockedAt: new Date('2026-12-01T10:09:00Z') });
    // Recorded once: asking again changes nothing.
    expect((await help.walkthroughState(ann, 'hello-counter', 3)).unlock).toEqual(state.unlock);
    expect(await db.walkthroughUnlock.count({ where: { userId: ann.id } })).toBe(1);
    // Another learner and another lab are untouched.
    expect((await help.walkthroughState(bob, 'hello-counter', 3)).unlock).toBeNull();
    expect((await help.walkthroughState(ann, 'raft-election', 3)).unlock).toBeNull();
  });

  it('a request unlocks at once with reason "requested" and keeps an earlier unlock as it was', async () => {
    const help = helpData(db);
    const cy = await makeUser(db, 'cy-help');
    const now = new Date('2026-12-02T08:00:00Z');
    const requested = await help.requestWalkthrough(cy, 'raft-election', 4, now);
    expect(requested.unlock).toEqual({ labId: 'raft-election', reason: 'requested', unlockedAt: now });
    const again = await help.requestWalkthrough(cy, 'raft-election', 4, new Date('2026-12-03T08:00:00Z'));
    expect(again.unlock?.unlockedAt).toEqual(now);
    // Concurrent requests record one unlock.
    const dee = await makeUser(db, 'dee-help');
    await Promise.all([1, 2, 3, 4].map(() => help.requestWalkthrough(dee, 'snowflake', 3)));
    expect(await db.walkthroughUnlock.count({ where: { userId: dee.id } })).toBe(1);
  });

  it('lists unlocks newest first, records the ones failures earned, and leaves out labs that no longer exist', async () => {
    const help = helpData(db);
    const eve = await makeUser(db, 'eve-help');
    for (const minute of [0, 1]) await fail(eve, 'snowflake', new Date(`2026-12-01T09:0${minute}:00Z`));
    await help.requestWalkthrough(eve, 'hello-counter', 3, new Date('2026-12-01T11:00:00Z'));
    await help.requestWalkthrough(eve, 'gone-lab', 3, new Date('2026-12-01T12:00:00Z'));
    const thresholds = new Map([
      ['snowflake', 2],
      ['hello-counter', 3],
    ]);
    const list = await help.listUnlocks(eve, thresholds);
    expect(list).toEqual([
      { labId: 'hello-counter', reason: 'requested', unlockedAt: new Date('2026-12-01T11:00:00Z') },
      { labId: 'snowflake', reason: 'failures', unlockedAt: new Date('2026-12-01T09:01:00Z') },
    ]);
    expect(await db.walkthroughUnlock.count({ where: { userId: eve.id, labId: 'snowflake' } })).toBe(1);
    expect(await help.listUnlocks(null, thresholds)).toEqual([]);
  });
});
