/**
 * Parity of the Chinese lessons (content/<topic>/zh/*.mdx) with the English ones: the same file
 * names, the same section structure (so the English anchors carry over), the same widgets with the
 * same props, the same internal links, figures, code blocks, callouts and practice section, and a
 * body that compiles. Lessons not yet translated are listed, not failed (issue 17 tracks coverage).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '@/lib/content/catalog';
import { compileLesson } from '@/lib/content/compile';
import { extractInternalLinks } from '@/lib/content/links';
import { countHanCharacters, readZhLesson } from '@/lib/content/translations';
import matter from 'gray-matter';

const catalog = loadCatalog();
const pairs = catalog.flatMap((t) =>
  t.lessons.map((lesson) => {
    const en = matter(fs.readFileSync(path.join('content', t.id, lesson.fileName), 'utf8')).content;
    return { topic: t.id, lesson, en, zh: readZhLesson(t.id, lesson) };
  }),
);
const translated = pairs.filter((p) => p.zh !== null);

/** Self-closing or opening JSX tags of the widgets and structural components, with their props. */
function components(body: string): string[] {
  const noCode = body.replace(/```[\s\S]*?```/g, '');
  return [...noCode.matchAll(/<(RaftPlayground|RateLimiterPlayground|HashRingWidget|CacheStampedeSim|SnowflakeDecoder|CapSandbox)\b[^>]*>/g)].map((m) => m[0].replace(/\s+/g, ' '));
}
const count = (body: string, re: RegExp) => (body.replace(/```[\s\S]*?```/g, '').match(re) ?? []).length;
const fences = (body: string) => (body.match(/^```/gm) ?? []).length;

describe('Chinese lessons', () => {
  it('lists which lessons are translated', () => {
    console.log(`zh lessons: ${translated.length} of ${pairs.length}; missing: ${pairs.filter((p) => !p.zh).map((p) => `${p.topic}/${p.lesson.slug}`).join(', ') || 'none'}`);
    const orphans = catalog.flatMap((t) => {
      const dir = path.join('content', t.id, 'zh');
      return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.mdx') && !t.lessons.some((l) => l.fileName === f)).map((f) => `${dir}/${f}`) : [];
    });
    expect(orphans, 'zh files without an English lesson').toEqual([]);
  });

  it.each(translated.map((p) => [`${p.topic}/${p.lesson.slug}`, p] as const))('%s keeps the structure of the English lesson', (_id, { en, zh, lesson }) => {
    const z = zh!;
    const enHeadings = lesson.headings.map((h) => h.depth);
    expect(z.headings.map((h) => h.depth), `${z.file}: the same ## and ### sections, in the same order`).toEqual(enHeadings);
    expect(components(z.body), `${z.file}: the same widgets with the same props`).toEqual(components(en));
    expect(new Set(extractInternalLinks(z.body)), `${z.file}: the same internal links`).toEqual(new Set(extractInternalLinks(en)));
    for (const [what, re] of [
      ['<YouWillLearn>', /<YouWillLearn>/g],
      ['<Figure', /<Figure\b/g],
      ['<svg', /<svg\b/g],
      ['<Callout', /<Callout\b/g],
      ['<Callout kind="trap"', /<Callout kind="trap"/g],
      ['<Hint', /<Hint\b/g],
    ] as const) {
      expect(count(z.body, re), `${z.file}: number of ${what}`).toBe(count(en, re));
    }
    expect(fences(z.body), `${z.file}: code blocks`).toBe(fences(en));
    expect(count(z.body, /<Term zh=/g), `${z.file}: a Chinese lesson names the English term with <Term en="…">`).toBe(0);
    // Roughly as long as the English: about 1.3–2.2 Chinese characters per English word of prose.
    const han = countHanCharacters(z.body);
    expect(han, `${z.file}: ${han} Chinese characters for ${lesson.wordCount} English words`).toBeGreaterThan(lesson.wordCount * 0.9);
  });

  it.each(translated.map((p) => [`${p.topic}/${p.lesson.slug}`, p] as const))('%s compiles, with the English anchors on its sections', async (_id, { zh, lesson }) => {
    const { code } = await compileLesson(`---\n---\n${zh!.body}`, zh!.file, { headingIds: lesson.headings.map((h) => h.id) });
    for (const h of lesson.headings) expect(code, `${zh!.file}: #${h.id}`).toContain(`"${h.id}"`);
  });
});
