import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractHints } from '@/components/mdx/hints';
import { compileLesson } from '@/lib/content/compile';

/** The help ladder's hints come from the README already compiled for the page, by id, in its language. */
describe('README hints by id', () => {
  it('finds every <Hint id> of a compiled README with its title and body, skipping hints without an id', async () => {
    const source = [
      '# Lab',
      '',
      '<Hint id="first-rung" title="Where to start">Keep **one** session per client.</Hint>',
      '',
      '<Hint title="No id">Not a rung.</Hint>',
      '',
      '<Callout>',
      '<Hint id="nested-rung" title="Inside a callout">',
      '',
      'Compare with `lastSeq`.',
      '',
      '</Hint>',
      '</Callout>',
      '',
      '<Hint id="first-rung" title="Duplicate">ignored</Hint>',
    ].join('\n');
    const { code } = await compileLesson(source, 'test.mdx');
    const hints = extractHints(code);
    expect(hints.map((h) => [h.id, h.title])).toEqual([
      ['first-rung', 'Where to start'],
      ['nested-rung', 'Inside a callout'],
    ]);
    expect(hints[0]!.body).toBeTruthy();
  });

  it('hello-counter: the hints lab.json lists exist in both compiled READMEs, the Chinese titles in Chinese', async () => {
    const lab = JSON.parse(fs.readFileSync('labs/hello-counter/lab.json', 'utf8')) as { stages: { hints?: string[] }[] };
    const listed = new Set(lab.stages.flatMap((s) => s.hints ?? []));
    for (const file of ['README.mdx', 'README.zh.mdx']) {
      const { code } = await compileLesson(fs.readFileSync(`labs/hello-counter/${file}`, 'utf8'), file);
      const hints = extractHints(code);
      const ids = new Set(hints.map((h) => h.id));
      expect([...listed].filter((id) => !ids.has(id)), file).toEqual([]);
      if (file.includes('.zh.')) expect(hints.every((h) => /\p{Script=Han}/u.test(h.title))).toBe(true);
    }
  });
});
