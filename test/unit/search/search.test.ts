import { describe, expect, it } from 'vitest';
import MiniSearch from 'minisearch';
import { buildSearchIndex, indexDocuments } from '@/lib/search/build-index';
import { excerpt, plainMarkdown, searchDocuments } from '@/lib/search/documents';
import { MINISEARCH_OPTIONS, SEARCH_INDEX_VERSION, type SearchDoc } from '@/lib/search/options';
import { flatHits, runSearch } from '@/lib/search/query';
import { processTerm, tokenize } from '@/lib/search/tokenize';

const terms = (text: string) => tokenize(text).map(processTerm).filter((t): t is string => t !== null);

describe('tokenize', () => {
  it('splits Chinese into character bigrams and keeps a lone character', () => {
    expect(tokenize('领导者选举')).toEqual(['领导', '导者', '者选', '选举']);
    expect(tokenize('锁')).toEqual(['锁']);
  });

  it('separates English words from Chinese next to them and lower-cases them', () => {
    expect(terms('Raft选举与 PreVote 机制')).toEqual(['raft', '选举', '举与', 'prevote', '机制']);
    expect(terms('read-index, ReadIndex!')).toEqual(['read', 'index', 'readindex']);
  });

  it('drops English stop words and folds full-width letters', () => {
    expect(terms('What is the Raft log?')).toEqual(['raft', 'log']);
    expect(terms('ＲＡＦＴ')).toEqual(['raft']);
  });
});

describe('plainMarkdown and excerpt', () => {
  it('reads markdown as one line of text', () => {
    expect(plainMarkdown('Why does **Raft** use `term`?\n\n```ts\nconst x = 1;\n```\nSee [the paper](https://x).')).toBe('Why does Raft use term? const x = 1; See the paper.');
  });
  it('cuts long text at a space with an ellipsis, and counts Chinese by character', () => {
    expect(excerpt('short')).toBe('short');
    const cut = excerpt('word '.repeat(60), 40);
    expect(cut.endsWith('…')).toBe(true);
    expect([...cut].length).toBeLessThanOrEqual(41);
    expect(excerpt('缓'.repeat(200), 10)).toBe(`${'缓'.repeat(10)}…`);
  });
});

/** A small index of hand-made documents, so ranking and grouping are checked without the real content. */
function fixture(): MiniSearch<SearchDoc> {
  const docs: SearchDoc[] = [];
  const doc = (href: string, kind: SearchDoc['kind'], title: string, extra: Partial<SearchDoc> = {}) => docs.push({ id: docs.length, kind, title, names: '', text: '', context: '', snippet: '', href, ...extra });
  doc('/learn/raft/leader-election#split-votes', 'lesson', 'Split votes and randomized timeouts', { context: 'Raft › Leader election' });
  doc('/zh', 'lesson', '选票瓜分与随机化超时');
  doc('/quiz/raft?q=1', 'question', 'Why does Raft randomize the election timeout of each follower?');
  doc('/labs/raft-election', 'lab', 'Raft leader election', { text: 'Implement elections' });
  doc('/glossary#split-brain', 'term', 'split brain', { names: '脑裂', text: 'Two nodes both acting as leader.' });
  return indexDocuments(docs);
}

const hrefs = (out: ReturnType<typeof runSearch>) => flatHits(out).map((h) => h.href);

describe('runSearch', () => {
  it('finds a heading by its words, by a prefix while typing, and despite a typo', () => {
    const mini = fixture();
    expect(hrefs(runSearch(mini, 'split votes'))[0]).toBe('/learn/raft/leader-election#split-votes');
    expect(hrefs(runSearch(mini, 'randomiz'))).toContain('/learn/raft/leader-election#split-votes');
    expect(hrefs(runSearch(mini, 'electoin'))).toContain('/labs/raft-election');
  });

  it('finds Chinese text by a word inside a sentence and by a single character', () => {
    const mini = fixture();
    expect(hrefs(runSearch(mini, '瓜分'))).toEqual(['/zh']);
    expect(hrefs(runSearch(mini, '随机化超时'))).toEqual(['/zh']);
    expect(hrefs(runSearch(mini, '瓜'))).toEqual(['/zh']);
    expect(hrefs(runSearch(mini, '脑裂'))).toEqual(['/glossary#split-brain']);
  });

  it('groups hits by kind, caps each group, and falls back to any word when no document has every word', () => {
    const mini = fixture();
    const out = runSearch(mini, 'raft election', 1);
    expect(out.groups.map((g) => g.kind).sort()).toEqual(['lab', 'question']);
    expect(out.total).toBe(2);
    const loose = runSearch(mini, 'split zzzzqqq');
    expect(hrefs(loose)).toContain('/glossary#split-brain');
    expect(runSearch(mini, '   ')).toEqual({ total: 0, groups: [] });
    expect(runSearch(mini, 'nothingmatchesthis').total).toBe(0);
  });
});

describe('the index built from the content catalogue', () => {
  it('holds lessons with their headings, questions, labs and glossary terms, with working links', async () => {
    const docs = await searchDocuments('en');
    const kinds = new Set(docs.map((d) => d.kind));
    expect([...kinds].sort()).toEqual(['lab', 'lesson', 'question', 'term']);
    expect(new Set(docs.map((d) => d.href)).size).toBe(docs.length);
    expect(docs.map((d) => d.id)).toEqual(docs.map((_, i) => i));
    const heading = docs.find((d) => d.href === '/learn/raft/leader-election#split-votes-and-randomized-timeouts');
    expect(heading).toMatchObject({ kind: 'lesson', title: 'Split votes and randomized timeouts', context: expect.stringMatching(/› Leader election and split votes$/) });
    const question = docs.find((d) => d.kind === 'question')!;
    expect(question.href).toMatch(/^\/quiz\/[a-z]+\?q=[\w-]+$/);
    expect(docs.find((d) => d.href === '/labs/raft-election')?.kind).toBe('lab');
    expect(docs.find((d) => d.kind === 'term')?.href).toMatch(/^\/glossary#[a-z0-9-]+$/);
  });

  it('serializes and loads back in the browser with the same options, in English and Chinese', async () => {
    const en = await buildSearchIndex('en');
    expect(en.version).toBe(SEARCH_INDEX_VERSION);
    const mini = MiniSearch.loadJS<SearchDoc>(JSON.parse(JSON.stringify(en.index)), MINISEARCH_OPTIONS);
    const hits = flatHits(runSearch(mini, 'split votes randomized'));
    expect(hits[0]?.href).toBe('/learn/raft/leader-election#split-votes-and-randomized-timeouts');
    const question = runSearch(mini, 'election timeout at random').groups.find((g) => g.kind === 'question');
    expect(question?.hits[0]?.title).toMatch(/^Why does Raft pick each server's election timeout at random/);
    expect(question?.hits[0]?.href).toMatch(/^\/quiz\/raft\?q=/);

    const zh = await buildSearchIndex('zh-CN');
    const zhMini = MiniSearch.loadJS<SearchDoc>(JSON.parse(JSON.stringify(zh.index)), MINISEARCH_OPTIONS);
    const zhHit = flatHits(runSearch(zhMini, '选票瓜分')).find((h) => h.kind === 'lesson' && h.href.includes('#'));
    expect(zhHit?.title).toBe('选票瓜分与随机化超时');
    expect(zhHit?.href).toBe('/learn/raft/leader-election#split-votes-and-randomized-timeouts');
    // A glossary term is found by its English name in the Chinese index, and shows its Chinese name.
    const brain = flatHits(runSearch(zhMini, 'split brain')).find((h) => h.kind === 'term');
    expect(brain?.title).toMatch(/\p{Script=Han}/u);
  });
});
