/**
 * Chinese lab texts: labs/<id>/README.zh.mdx (the README in Chinese, in structural parity with
 * README.mdx: the same sections, so the English anchors carry over, the same hints, code blocks and
 * internal links) and labs/<id>/lab.zh.json (title, summary and each stage's title and summary, the
 * stages in the English order). Labs not yet translated are listed, not failed (issue 17).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLesson } from '@/lib/content/compile';
import { extractHeadings } from '@/lib/content/headings';
import { extractInternalLinks } from '@/lib/content/links';
import { countHanCharacters } from '@/lib/content/translations';
import { readZhLab, zhLabSchema } from '@/lib/labs/zh-lab';

const labsDir = path.resolve('labs');
const labs = fs.readdirSync(labsDir).filter((d) => fs.existsSync(path.join(labsDir, d, 'lab.json'))).sort();
const read = (lab: string, file: string) => fs.readFileSync(path.join(labsDir, lab, file), 'utf8');
const has = (lab: string, file: string) => fs.existsSync(path.join(labsDir, lab, file));

const noCode = (s: string) => s.replace(/```[\s\S]*?```/g, '');
const count = (s: string, re: RegExp) => (noCode(s).match(re) ?? []).length;

describe('Chinese lab texts', () => {
  it('lists which labs are translated', () => {
    console.log(`zh labs: README ${labs.filter((l) => has(l, 'README.zh.mdx')).length}/${labs.length}, manifest ${labs.filter((l) => has(l, 'lab.zh.json')).length}/${labs.length}`);
  });

  it.each(labs.filter((l) => has(l, 'lab.zh.json')))('%s: lab.zh.json names the same stages', (lab) => {
    const en = JSON.parse(read(lab, 'lab.json')) as { stages: { id: string }[] };
    const zh = zhLabSchema.parse(JSON.parse(read(lab, 'lab.zh.json')));
    expect(zh.stages.map((s) => s.id)).toEqual(en.stages.map((s) => s.id));
    expect(/\p{Script=Han}/u.test(zh.title)).toBe(true);
    expect(readZhLab(lab, labsDir)?.title).toBe(zh.title);
    for (const text of [...Object.values(zh.tests ?? {}), ...Object.values(zh.advice ?? {})]) expect(text, text).toMatch(/\p{Script=Han}/u);
    for (const source of Object.keys(zh.testPatterns ?? {})) expect(() => new RegExp(source)).not.toThrow();
  });

  it.each(labs.filter((l) => has(l, 'README.zh.mdx')))('%s: README.zh.mdx keeps the structure of README.mdx and compiles', async (lab) => {
    const en = read(lab, 'README.mdx');
    const zh = read(lab, 'README.zh.mdx');
    const enHeadings = extractHeadings(en);
    expect(extractHeadings(zh).map((h) => h.depth), 'the same ## and ### sections').toEqual(enHeadings.map((h) => h.depth));
    expect(new Set(extractInternalLinks(zh)), 'the same internal links').toEqual(new Set(extractInternalLinks(en)));
    for (const re of [/<Hint\b/g, /<Callout\b/g, /<Figure\b/g, /<svg\b/g]) expect(count(zh, re), String(re)).toBe(count(en, re));
    expect((zh.match(/^```/gm) ?? []).length, 'code blocks').toBe((en.match(/^```/gm) ?? []).length);
    expect(count(zh, /<Term zh=/g)).toBe(0);
    expect(countHanCharacters(zh)).toBeGreaterThan(200);
    const { code } = await compileLesson(zh, `labs/${lab}/README.zh.mdx`, { headingIds: enHeadings.map((h) => h.id) });
    for (const h of enHeadings) expect(code).toContain(`"${h.id}"`);
  });
});
