import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quizData } from '@/lib/data/quiz';
import { loadBank } from '@/lib/quiz/bank';
import type { Db } from '@/lib/data/types';
import { isSearchShortcut } from '@/components/search/search-button';
import { createTestDb, makeUser } from '../data/test-db';

/** The single-question quiz the search results link to (/quiz/<topic>?q=<id>). */
let db: Db;
let cleanup: () => Promise<void>;
beforeAll(() => {
  ({ db, cleanup } = createTestDb());
});
afterAll(async () => cleanup());

describe('a quiz of one question by id', () => {
  it('starts with exactly that question, in the learner’s language', async () => {
    const user = await makeUser(db, 'searcher');
    const q = loadBank().questions.find((x) => x.topic === 'raft')!;
    const quiz = quizData(db);
    const started = await quiz.startQuiz(user, { kind: 'topic', topic: 'raft', question: q.id, count: 10 });
    expect(started.questions.map((x) => x.id)).toEqual([q.id]);
    const zh = await quiz.startQuiz(user, { kind: 'topic', topic: 'raft', question: q.id }, 'zh-CN');
    expect(zh.questions[0]!.prompt).toMatch(/\p{Script=Han}/u);
  });

  it('refuses an id that is not a question of the topic, with a clear error', async () => {
    const user = await makeUser(db, 'searcher-2');
    const quiz = quizData(db);
    const cap = loadBank().questions.find((x) => x.topic === 'cap')!;
    await expect(quiz.startQuiz(user, { kind: 'topic', topic: 'raft', question: cap.id })).rejects.toThrow(/question not found/i);
    await expect(quiz.startQuiz(user, { kind: 'topic', topic: 'raft', question: 'x'.repeat(81) })).rejects.toThrow();
  });
});

describe('the search shortcut', () => {
  const key = (k: Partial<KeyboardEvent>) => ({ key: 'k', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, defaultPrevented: false, ...k });
  it('is Ctrl+K or ⌘K, not with Alt or Shift, not K alone, not when already handled', () => {
    expect(isSearchShortcut(key({ ctrlKey: true }))).toBe(true);
    expect(isSearchShortcut(key({ metaKey: true, key: 'K' }))).toBe(true);
    expect(isSearchShortcut(key({}))).toBe(false);
    expect(isSearchShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isSearchShortcut(key({ ctrlKey: true, altKey: true }))).toBe(false);
    expect(isSearchShortcut(key({ ctrlKey: true, defaultPrevented: true }))).toBe(false);
    expect(isSearchShortcut(key({ ctrlKey: true, key: 'j' }))).toBe(false);
    // Inside Monaco, Ctrl+K starts the editor's own chords.
    expect(isSearchShortcut(key({ ctrlKey: true }), { closest: (s: string) => (s === '.monaco-editor' ? {} : null) } as unknown as EventTarget)).toBe(false);
    expect(isSearchShortcut(key({ ctrlKey: true }), { closest: () => null } as unknown as EventTarget)).toBe(true);
  });
});
