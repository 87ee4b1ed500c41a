import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressData } from '@/lib/data/progress';
import type { Db, Viewer } from '@/lib/data/types';
import { createTestDb, makeUser } from './test-db';

/**
 * "Export my data" carries every table that holds a learner's rows. A new per-learner model in
 * prisma/schema.prisma fails this test until the export (lib/data/progress.ts) carries it, or it is
 * named here as deliberately left out, with why.
 */
const EXPORTED: Record<string, string> = {
  Session: 'sessions',
  LessonProgress: 'lessons',
  QuizAttempt: 'quizAttempts',
  QuizAnswer: 'quizAnswers',
  ReviewCard: 'reviewCards',
  LabDraft: 'labDrafts',
  WalkthroughUnlock: 'walkthroughUnlocks',
  LabSubmission: 'labSubmissions',
  ActivityDay: 'activity',
  DrillSession: 'interviewDrills',
  DrillAnswer: 'interviewAnswers',
  ApiToken: 'apiTokens',
  MockSession: 'mockInterviews',
};

function perLearnerModels(): string[] {
  const schema = fs.readFileSync(path.resolve('prisma/schema.prisma'), 'utf8');
  return [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].filter(([, , body]) => /^\s+userId\s+String\b/m.test(body!)).map(([, name]) => name!);
}

let db: Db;
let cleanup: () => Promise<void>;
let learner: Viewer;
beforeAll(async () => {
  ({ db, cleanup } = createTestDb());
  learner = await makeUser(db, 'exporter');
});
afterAll(async () => cleanup());

describe('the progress export', () => {
  it('names every per-learner table of the schema', () => {
    const models = perLearnerModels();
    expect(models.length).toBeGreaterThanOrEqual(13);
    expect(models.filter((m) => !(m in EXPORTED))).toEqual([]);
  });

  it('carries walkthrough unlocks, API tokens (without their hashes) and mock interviews, with their JSON parsed', async () => {
    await db.walkthroughUnlock.create({ data: { userId: learner.id, labId: 'raft-election', reason: 'requested' } });
    await db.apiToken.create({ data: { userId: learner.id, name: 'laptop', tokenHash: 'h'.repeat(64) } });
    const attempt = await db.quizAttempt.create({ data: { userId: learner.id, kind: 'mixed', questionIds: '[]' } });
    const drill = await db.drillSession.create({ data: { userId: learner.id, kind: 'mock', cardIds: '[]' } });
    await db.mockSession.create({
      data: { userId: learner.id, quizAttemptId: attempt.id, drillSessionId: drill.id, items: JSON.stringify([{ kind: 'quiz', id: 'cap-1' }]), durationSeconds: 600, topicScores: JSON.stringify([{ topic: 'cap', score: 50, items: 1, answered: 1 }]) },
    });
    const out = await progressData(db).exportData(learner);
    for (const key of Object.values(EXPORTED)) expect(out, key).toHaveProperty(key);
    expect(out.walkthroughUnlocks).toMatchObject([{ labId: 'raft-election', reason: 'requested' }]);
    expect(out.apiTokens).toMatchObject([{ name: 'laptop', scope: 'submit' }]);
    expect(JSON.stringify(out)).not.toContain('h'.repeat(64));
    expect(out.mockInterviews[0]).toMatchObject({ durationSeconds: 600, items: [{ kind: 'quiz', id: 'cap-1' }], topicScores: [{ topic: 'cap', score: 50 }] });
    expect(out.mockInterviews[0]).not.toHaveProperty('userId');
  });
});
