import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countProseWords, loadCatalog } from '@/lib/content/catalog';
import { ContentError } from '@/lib/content/errors';
import { extractHeadings } from '@/lib/content/headings';

const tmpDirs: string[] = [];
afterEach(() => {
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function fixture(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'content-'));
  tmpDirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const topicJson = JSON.stringify({ id: 'cap', title: 'CAP theorem', titleZh: 'CAP 定理', summary: 'What a store gives up when the network splits.', order: 1 });
const lesson = (fm: Record<string, unknown>, body = '## One\n\ntext\n') =>
  `---\n${Object.entries(fm).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n')}\n---\n${body}`;
const goodFm = { title: 'The CAP theorem', topic: 'cap', order: 1, summary: 'What C, A and P mean, precisely.', minutes: 10, labs: [], quizTags: ['cap-theorem'] };

describe('content catalogue', () => {
  it('loads every topic and lesson of the real content folder', () => {
    const topics = loadCatalog();
    expect(topics.map((t) => t.id)).toEqual(['cap', 'base', 'raft', 'caching', 'idgen', 'ratelimit', 'hashing', 'idempotency', 'locks', 'transactions', 'rpc', 'resilience', 'sharding', 'storage', 'testing']);
    const cap = topics.find((t) => t.id === 'cap')!;
    expect(cap.lessons[0]?.slug).toBe('cap-theorem');
    for (const t of topics) {
      expect(t.lessons.map((l) => l.order)).toEqual([...t.lessons.map((l) => l.order)].sort((a, b) => a - b));
    }
  });

  it('accepts a well-formed lesson and derives slug, headings and word count', () => {
    const root = fixture({ 'cap/topic.json': topicJson, 'cap/01-cap-theorem.mdx': lesson(goodFm, '## Why it matters\n\nOne two three.\n\n### The `C` in CAP\n') });
    const [cap] = loadCatalog(root);
    expect(cap?.lessons[0]).toMatchObject({ slug: 'cap-theorem', title: 'The CAP theorem', fileName: '01-cap-theorem.mdx' });
    expect(cap?.lessons[0]?.headings.map((h) => h.id)).toEqual(['why-it-matters', 'the-c-in-cap']);
  });

  it.each([
    ['a missing field', { ...goodFm, summary: undefined }, /summary/],
    ['a topic that is not the folder', { ...goodFm, topic: 'raft' }, /must equal the folder/],
    ['an order that is not the file prefix', { ...goodFm, order: 2 }, /must equal the file prefix 01/],
    ['an unknown field', { ...goodFm, author: 'me' }, /author/],
    ['no quiz tags', { ...goodFm, quizTags: [] }, /quizTags/],
    ['a non-kebab lab id', { ...goodFm, labs: ['Raft Election'] }, /labs\.0/],
  ])('rejects %s with an error naming the file and field', (_name, fm, message) => {
    const clean = Object.fromEntries(Object.entries(fm).filter(([, v]) => v !== undefined));
    const root = fixture({ 'cap/topic.json': topicJson, 'cap/01-cap-theorem.mdx': lesson(clean) });
    expect(() => loadCatalog(root)).toThrowError(ContentError);
    expect(() => loadCatalog(root)).toThrowError(message);
    expect(() => loadCatalog(root)).toThrowError(/01-cap-theorem\.mdx/);
  });

  it('rejects badly named files, bad YAML, bad topic.json and duplicate slugs', () => {
    expect(() => loadCatalog(fixture({ 'cap/topic.json': topicJson, 'cap/cap-theorem.mdx': lesson(goodFm) }))).toThrowError(/named <nn>-<slug>\.mdx/);
    expect(() => loadCatalog(fixture({ 'cap/topic.json': topicJson, 'cap/01-cap.mdx': '---\ntitle: [unclosed\n---\n' }))).toThrowError(/YAML/);
    expect(() => loadCatalog(fixture({ 'cap/topic.json': '{"id": "cap"' }))).toThrowError(/cap\/topic\.json: cannot read/);
    expect(() => loadCatalog(fixture({ 'cap/topic.json': topicJson.replace('"cap"', '"raft"') }))).toThrowError(/folder name/);
    const dup = fixture({
      'cap/topic.json': topicJson,
      'cap/01-same.mdx': lesson({ ...goodFm, order: 1 }),
      'cap/02-same.mdx': lesson({ ...goodFm, order: 2 }),
    });
    expect(() => loadCatalog(dup)).toThrowError(/slug "same" is also used/);
  });
});

describe('headings and words', () => {
  it('slugs headings like rehype does, skipping code fences and repeated titles', () => {
    const body = ['## Split votes & timeouts', '```md', '## not a heading', '```', '## Split votes & timeouts', '### <Term zh="任期">Term</Term> numbers', '#### too deep'].join('\n');
    expect(extractHeadings(body).map((h) => h.id)).toEqual(['split-votes--timeouts', 'split-votes--timeouts-1', 'term-numbers']);
  });

  it('counts prose words, not code or SVG', () => {
    const body = 'One two three.\n\n```ts\nconst a = 1;\n```\n<Figure caption="x"><svg viewBox="0 0 1 1"><text>label words here</text></svg></Figure>\n\nFour five.';
    expect(countProseWords(body)).toBe(5);
  });
});
