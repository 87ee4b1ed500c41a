import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import matter from 'gray-matter';
import { loadCatalog } from '@/lib/content/catalog';
import { compileLesson } from '@/lib/content/compile';
import { checkLink, extractInternalLinks } from '@/lib/content/links';
import { validateBank } from '@/lib/quiz/bank';

const catalog = loadCatalog();
// Quiz links (/quiz/<topic>?tag=x) are checked against the tags the question banks actually use.
const quizTags = validateBank().bank.tags;
const lessons = catalog.flatMap((t) => t.lessons.map((l) => ({ topic: t.id, lesson: l })));
const bodyOf = (topic: string, fileName: string) => matter(fs.readFileSync(path.join('content', topic, fileName), 'utf8')).content;

describe('every lesson', () => {
  it.each(lessons.map((x) => [`${x.topic}/${x.lesson.slug}`, x] as const))('%s compiles to MDX with its diagrams and code', async (_id, { topic, lesson }) => {
    const source = fs.readFileSync(path.join('content', topic, lesson.fileName), 'utf8');
    const { code } = await compileLesson(source, lesson.file);
    expect(code.length).toBeGreaterThan(500);
  });

  it.each(lessons.map((x) => [`${x.topic}/${x.lesson.slug}`, x] as const))('%s has only internal links that resolve', (_id, { topic, lesson }) => {
    const problems = extractInternalLinks(bodyOf(topic, lesson.fileName))
      .map((href) => ({ href, problem: checkLink(href, catalog, { topic, slug: lesson.slug }, quizTags) }))
      .filter((p) => p.problem !== null);
    expect(problems, `${lesson.file}: broken links`).toEqual([]);
  });
});

describe('the link checker', () => {
  const here = { topic: 'cap', slug: 'cap-theorem' };
  const capHeading = catalog.find((t) => t.id === 'cap')!.lessons[0]!.headings[0]!.id;
  it('accepts real targets', () => {
    for (const href of ['/', '/learn/cap', '/learn/cap/cap-theorem', `/learn/cap/cap-theorem#${capHeading}`, `#${capHeading}`, '/labs', '/labs/raft-election', '/quiz/cap', '/quiz/mixed', '/interview', '/interview/raft', '/interview/mock']) {
      expect(checkLink(href, catalog, here), href).toBeNull();
    }
  });
  it('names what is wrong with broken targets', () => {
    expect(checkLink('/learn/nope', catalog, here)).toMatch(/unknown topic/);
    expect(checkLink('/learn/cap/nope', catalog, here)).toMatch(/no lesson "nope"/);
    expect(checkLink('/learn/cap/cap-theorem#nope', catalog, here)).toMatch(/no heading #nope/);
    expect(checkLink('#nope', catalog, here)).toMatch(/no heading #nope/);
    expect(checkLink('/labs/raft-electon', catalog, here)).toMatch(/unknown lab/);
    expect(checkLink('/quiz/nope', catalog, here)).toMatch(/unknown quiz topic/);
    expect(checkLink('/quiz/cap?tag=zzz', catalog, here, new Set(['cap-theorem']))).toMatch(/no question is tagged "zzz"/);
    expect(checkLink('/interview/nope', catalog, here)).toMatch(/unknown interview topic "nope"/);
    expect(checkLink('/interview/raft/x', catalog, here)).toMatch(/interview links look like/);
    expect(checkLink('/wiki', catalog, here)).toMatch(/unknown page/);
  });
  it('finds markdown and JSX links but not ones inside code', () => {
    expect(extractInternalLinks('see [a](/learn/cap) and <a href="/labs/snowflake">x</a>, not `[b](/x)` or\n```\n[c](/y)\n```')).toEqual(['/learn/cap', '/labs/snowflake']);
  });
});
