import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '@/lib/content/catalog';
import { describeIssues } from '@/lib/content/schema';
import { formatProblems, validateDeck } from '@/lib/interview/deck';
import { interviewCardSchema } from '@/lib/interview/schema';

describe('the real interview deck', () => {
  const { deck, problems } = validateDeck();
  it('validates: schemas, ids, word counts, and lesson links that resolve to a lesson and heading', () => {
    expect(problems, formatProblems(problems)).toEqual([]);
  });
  it('prints the number of drill cards per topic', () => {
    const perTopic: Record<string, number> = {};
    for (const c of deck.cards) perTopic[c.topic] = (perTopic[c.topic] ?? 0) + 1;
    console.log(`interview deck: ${deck.cards.length} cards`, perTopic);
    expect(deck.cards.length).toBe(Object.values(perTopic).reduce((a, b) => a + b, 0));
  });
});

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
const good = {
  id: 'raft-iv-election',
  title: 'Leader election',
  prompt: 'How does Raft elect a leader?',
  difficulty: 1,
  lessons: ['raft/leader-election'],
  outline: ['point one is here', 'point two is here', 'point three is here', 'point four is here', 'point five is here'],
  answer: words(250),
  followUps: [
    { question: 'Why random?', answer: 'Because split votes would repeat forever.' },
    { question: 'How long?', answer: 'Much longer than a broadcast round trip.' },
  ],
  traps: ['Saying a majority of live nodes suffices', 'Forgetting the up-to-date check'],
};
const issues = (card: unknown) => {
  const r = interviewCardSchema.safeParse(card);
  return r.success ? '' : describeIssues(r.error);
};

describe('interview card schema', () => {
  it('accepts a well-formed card and fills defaults', () => {
    expect(issues(good)).toBe('');
    const parsed = interviewCardSchema.parse(good);
    expect(parsed.seconds).toBe(120);
    expect(parsed.variants).toEqual([]);
  });
  it('an outline has 5–8 distinct points', () => {
    expect(issues({ ...good, outline: good.outline.slice(0, 4) })).toMatch(/outline: an outline has 5–8 points/);
    expect(issues({ ...good, outline: [...good.outline, ...good.outline.slice(0, 4)] })).toMatch(/5–8 points/);
    expect(issues({ ...good, outline: [...good.outline.slice(0, 4), 'Point One is here'] })).toMatch(/appears twice/);
  });
  it('the answer is about two minutes of speech', () => {
    expect(issues({ ...good, answer: words(100) })).toMatch(/180–450 words \(found 100\)/);
    expect(issues({ ...good, answer: words(600) })).toMatch(/found 600/);
  });
  it('needs follow-ups, traps and a lesson; rejects unknown fields', () => {
    expect(issues({ ...good, followUps: good.followUps.slice(0, 1) })).toMatch(/2–5 follow-up/);
    expect(issues({ ...good, traps: [] })).toMatch(/2–5 traps/);
    expect(issues({ ...good, lessons: [] })).toMatch(/at least one lesson/);
    expect(issues({ ...good, lessons: ['raft'] })).toMatch(/<topic>\/<slug>/);
    expect(issues({ ...good, outlines: [] })).toMatch(/outlines/);
  });
});

describe('deck validation across files', () => {
  const catalog = loadCatalog();
  const write = (decks: Record<string, unknown>) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deck-'));
    for (const [topic, body] of Object.entries(decks)) {
      fs.mkdirSync(path.join(root, topic));
      fs.writeFileSync(path.join(root, topic, 'interview.json'), typeof body === 'string' ? body : JSON.stringify(body));
    }
    return root;
  };
  const run = (decks: Record<string, unknown>, questionIds = new Set<string>()) => formatProblems(validateDeck(write(decks), catalog, questionIds).problems);

  it('names the file and card for every problem, and keeps the good cards', () => {
    const root = write({ raft: { topic: 'raft', cards: [good, { ...good, id: 'raft-iv-other', lessons: ['raft/nope'] }] } });
    const { deck, problems } = validateDeck(root, catalog, new Set());
    expect(deck.cards.map((c) => c.id)).toEqual(['raft-iv-election', 'raft-iv-other']);
    expect(formatProblems(problems)).toMatch(/raft\/interview\.json \[raft-iv-other\]: lesson "raft\/nope": there is no lesson "nope"/);
  });
  it('ids carry the topic prefix, are unique across decks and never equal a question id', () => {
    expect(run({ raft: { topic: 'raft', cards: [{ ...good, id: 'raft-election' }] } })).toMatch(/must start with "raft-iv-"/);
    expect(run({ raft: { topic: 'raft', cards: [good, good] } })).toMatch(/also used in .*raft\/interview\.json/);
    expect(run({ raft: { topic: 'raft', cards: [good] } }, new Set(['raft-iv-election']))).toMatch(/also used in the question bank/);
  });
  it('reports bad JSON, a wrong topic and an empty deck', () => {
    expect(run({ raft: '{ nope' })).toMatch(/not valid JSON/);
    expect(run({ raft: { topic: 'cap', cards: [{ ...good, id: 'raft-iv-x' }] } })).toMatch(/must equal the folder "raft"/);
    expect(run({ raft: { topic: 'raft', cards: [] } })).toMatch(/at least one card/);
  });
});
