// @vitest-environment happy-dom
import fs from 'node:fs';
import path from 'node:path';
import { createElement, type ComponentProps, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NextIntlClientProvider } from 'next-intl';
import { cleanup, fireEvent, render as mount, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Hint, Term } from '@/components/mdx/lesson-parts';
import { foldForSearch, GlossaryBrowser, type GlossaryGroup } from '@/app/glossary/glossary-browser';
import { loadCatalog } from '@/lib/content/catalog';
import { findTerm, loadGlossary, normalizeTermName, parseGlossary, termNames, type GlossaryEntry } from '@/lib/content/glossary';
import { TOPIC_IDS } from '@/lib/content/schema';
import { MESSAGES } from '@/lib/i18n/messages';

/**
 * content/glossary.json drives the lessons' <Term> and the /glossary page: every term a lesson or
 * a lab README introduces must be in it under the names the lesson uses, in both languages.
 */
const glossary = loadGlossary();

type Use = { file: string; line: number; en: string; zh: string; lessonLang: 'en' | 'zh' };
function termUses(): Use[] {
  const uses: Use[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.mdx')) {
        const src = fs.readFileSync(p, 'utf8');
        const all = src.match(/<Term\b/g)?.length ?? 0;
        const found = [...src.matchAll(/<Term (zh|en)="([^"]*)">([^<]*)<\/Term>/g)];
        // A <Term> written another way (no attribute, markup inside) would escape the checks below.
        expect(found.length, `${p}: every <Term> is <Term zh="…">English</Term> or <Term en="…">中文</Term>`).toBe(all);
        for (const m of found) {
          const line = src.slice(0, m.index).split('\n').length;
          const zhLesson = m[1] === 'en';
          uses.push({ file: p, line, en: zhLesson ? m[2]! : m[3]!, zh: zhLesson ? m[3]! : m[2]!, lessonLang: zhLesson ? 'zh' : 'en' });
        }
      }
    }
  };
  walk('content');
  walk('labs');
  return uses;
}
const uses = termUses();

describe('content/glossary.json', () => {
  it('has entries for every topic that has terms, with unique ids and names', () => {
    expect(glossary.entries.length).toBeGreaterThan(150);
    const ids = glossary.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const en = glossary.entries.flatMap((e) => termNames(e, 'en').map(normalizeTermName));
    const zh = glossary.entries.flatMap((e) => termNames(e, 'zh').map(normalizeTermName));
    expect(en.filter((n, i) => en.indexOf(n) !== i)).toEqual([]);
    expect(zh.filter((n, i) => zh.indexOf(n) !== i)).toEqual([]);
    for (const e of glossary.entries) expect(TOPIC_IDS, e.id).toContain(e.topic);
  });

  it('every definition is one non-empty line, the Chinese one in Chinese', () => {
    for (const e of glossary.entries) {
      for (const d of [e.definition.en, e.definition.zh]) {
        expect(d.trim(), e.id).not.toBe('');
        expect(d, e.id).not.toMatch(/\n/);
      }
      expect(/\p{Script=Han}/u.test(e.definition.zh), `${e.id}: ${e.definition.zh}`).toBe(true);
      expect(/\p{Script=Han}/u.test(e.definition.en), `${e.id}: ${e.definition.en}`).toBe(false);
    }
  });

  it('every lesson reference names a lesson of the entry’s topic', () => {
    const lessons = new Set(loadCatalog().flatMap((t) => t.lessons.map((l) => `${t.id}/${l.slug}`)));
    for (const e of glossary.entries) {
      if (!e.lesson) continue;
      expect(lessons.has(e.lesson), `${e.id}: lesson ${e.lesson}`).toBe(true);
      expect(e.lesson.split('/')[0], e.id).toBe(e.topic);
    }
  });

  it('every <Term> of every lesson and lab README, English and Chinese, is in the glossary under the names it uses', () => {
    expect(uses.length).toBeGreaterThan(400);
    const problems: string[] = [];
    const used = new Set<string>();
    for (const u of uses) {
      const where = `${u.file}:${u.line}`;
      const entry = findTerm(u.en, 'en', glossary);
      if (!entry) {
        problems.push(`${where}: "${u.en}" is not in content/glossary.json (add it, or an alias)`);
        continue;
      }
      used.add(entry.id);
      const zhNames = termNames(entry, 'zh').map(normalizeTermName);
      if (!zhNames.includes(normalizeTermName(u.zh))) {
        problems.push(`${where}: "${u.en}" is called "${u.zh}" here but "${entry.zh}" in the glossary (entry "${entry.id}"; use its name or add an alias)`);
      }
      // The Chinese name must point back at the same entry.
      const back = findTerm(u.zh, 'zh', glossary);
      if (back && back !== entry) problems.push(`${where}: "${u.zh}" names "${back.id}" in the glossary, not "${entry.id}"`);
    }
    expect(problems).toEqual([]);
    // No entry that no lesson uses (it would be a definition nobody meets in context).
    expect(glossary.entries.filter((e) => !used.has(e.id)).map((e) => e.id)).toEqual([]);
  });
});

describe('parseGlossary', () => {
  const good = (over: Partial<GlossaryEntry> = {}) => ({
    id: 'split-vote',
    en: 'split vote',
    zh: '选票瓜分',
    topic: 'raft',
    definition: { en: 'Several candidates split the votes so none wins.', zh: '多个 candidate 瓜分选票，谁都拿不到多数。' },
    ...over,
  });

  it('accepts a valid file and finds entries by any name, case-insensitively', () => {
    const g = parseGlossary({ entries: [good({ aliases: { en: ['split votes'], zh: ['分票'] } })] });
    expect(findTerm('Split Votes', 'en', g)?.id).toBe('split-vote');
    expect(findTerm('**split vote**', 'en', g)?.id).toBe('split-vote');
    expect(findTerm('分票', 'zh', g)?.id).toBe('split-vote');
    expect(findTerm('term', 'en', g)).toBeUndefined();
  });

  it('names the entry and the field at fault', () => {
    expect(() => parseGlossary({ entries: [good(), good({ id: 'bad-one', definition: { en: 'Fine as a sentence.', zh: 'no chinese here' } })] }, 'g.json')).toThrow(
      /g\.json: entry 2 "bad-one": definition\.zh: must be written in Chinese/,
    );
    expect(() => parseGlossary({ entries: [{ ...good(), extra: 1 }] })).toThrow(/entry 1 "split-vote": .*extra/);
    expect(() => parseGlossary({ entries: [good({ topic: 'nope' as never })] })).toThrow(/entry 1 "split-vote": topic/);
    expect(() => parseGlossary({ entries: [good({ lesson: 'raft' })] })).toThrow(/lesson: must be "<topic>\/<lesson slug>"/);
    expect(() => parseGlossary({})).toThrow(/entries/);
  });

  it('rejects a duplicate id or a name two entries share', () => {
    expect(() => parseGlossary({ entries: [good(), good()] })).toThrow(/entry 2 "split-vote": id "split-vote" is used twice/);
    expect(() => parseGlossary({ entries: [good(), good({ id: 'other', en: 'other', aliases: { zh: ['选票瓜分'] } })] })).toThrow(
      /entry 2 "other": the Chinese name "选票瓜分" is also a name of "split-vote"/,
    );
    expect(() => parseGlossary({ entries: [good(), good({ id: 'other', zh: '别的', en: 'Split Vote' })] })).toThrow(/English name "Split Vote" is also a name of "split-vote"/);
  });
});

describe('<Term> and <Hint>', () => {
  const render = (locale: 'en' | 'zh-CN', node: ReactElement) =>
    renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: MESSAGES[locale], timeZone: 'UTC' } as ComponentProps<typeof NextIntlClientProvider>, node));

  it('shows the other-language name and a popover with the definition in the page’s language', () => {
    const en = render('en', createElement(Term, { zh: '选票瓜分' }, 'split vote'));
    expect(en).toContain('<strong>split vote</strong>');
    expect(en).toContain('lang="zh-CN">(选票瓜分)</span>');
    expect(en).toContain('aria-label="Definition of split vote"');
    expect(en).toMatch(/popover="auto"/);
    expect(en).toContain('href="/glossary#split-vote"');
    expect(en).toContain(findTerm('split vote')!.definition.en);

    const zh = render('zh-CN', createElement(Term, { en: 'split vote' }, '选票瓜分'));
    expect(zh).toContain('lang="en">(split vote)</span>');
    expect(zh).toContain('aria-label="“选票瓜分”的释义"');
    expect(zh).toContain(findTerm('split vote')!.definition.zh);
    // The button is described by the definition and opens the popover it names.
    const target = /popoverTarget="([^"]+)"|popovertarget="([^"]+)"/.exec(zh)!;
    const id = target[1] ?? target[2];
    expect(zh).toContain(`id="${id}"`);
    expect(zh).toContain(`aria-describedby="${id}-def"`);
  });

  it('finds a bold term and an alias; an unknown term renders as before', () => {
    expect(render('en', createElement(Term, { zh: '已应用' }, createElement('strong', null, 'applied')))).toContain('/glossary#applied');
    expect(render('en', createElement(Term, { zh: '任期' }, 'Terms'))).toContain('/glossary#term');
    const unknown = render('en', createElement(Term, { zh: '未知' }, 'no such thing'));
    expect(unknown).toBe('<span class="term"><dfn><strong>no such thing</strong></dfn> <span class="term-zh" lang="zh-CN">(未知)</span></span>');
  });

  it('Hint’s default title is translated, and a given title is kept', () => {
    expect(render('en', createElement(Hint, null, 'x'))).toContain('<summary>Show hint</summary>');
    expect(render('zh-CN', createElement(Hint, null, 'x'))).toContain('<summary>查看提示</summary>');
    expect(render('zh-CN', createElement(Hint, { title: '需要记住多少？' }, 'x'))).toContain('<summary>需要记住多少？</summary>');
  });
});

describe('the glossary filter', () => {
  it('matches across case, width, spaces and hyphens', () => {
    const hit = (name: string, q: string) => foldForSearch(name).includes(foldForSearch(q));
    expect(hit('write-ahead log', 'Write ahead')).toBe(true);
    expect(hit('B+ 树', 'b+树')).toBe(true);
    expect(hit('TCC（Try-Confirm-Cancel）', 'try confirm')).toBe(true);
    expect(hit('ＲｅａｄＩｎｄｅｘ', 'readindex')).toBe(true);
    expect(hit('脑裂', '雪崩')).toBe(false);
  });
});

describe('<GlossaryBrowser>', () => {
  const groups: GlossaryGroup[] = [
    {
      id: 'raft',
      title: 'Raft',
      entries: [
        { id: 'split-vote', name: '选票瓜分', other: 'split vote', definition: '多个 candidate 瓜分选票。', lesson: { href: '/learn/raft/leader-election', title: '领导者选举' }, names: ['split vote', '选票瓜分'] },
        { id: 'split-brain', name: '脑裂', other: 'split brain', definition: '两个节点同时认为自己是 leader。', lesson: null, names: ['split brain', '脑裂'] },
      ],
    },
    { id: 'caching', title: '缓存', entries: [{ id: 'cache-breakdown', name: '缓存击穿', other: 'cache breakdown', definition: '热点 key 过期。', lesson: null, names: ['cache breakdown', '缓存击穿'] }] },
  ];

  it('lists every entry with its anchor and filters by English or Chinese substrings', () => {
    mount(
      createElement(
        NextIntlClientProvider,
        { locale: 'zh-CN', messages: MESSAGES['zh-CN'], timeZone: 'UTC' } as ComponentProps<typeof NextIntlClientProvider>,
        createElement(GlossaryBrowser, { groups, otherLang: 'en' }),
      ),
    );
    try {
      expect(document.getElementById('split-vote')?.textContent).toContain('选票瓜分');
      expect(screen.getByRole('link', { name: '课程：领导者选举' }).getAttribute('href')).toBe('/learn/raft/leader-election');
      expect(screen.getByRole('status').textContent).toBe('共 3 个，显示 3 个');
      const box = screen.getByLabelText('筛选术语');
      fireEvent.change(box, { target: { value: 'SPLIT' } });
      expect(screen.getByRole('status').textContent).toBe('共 3 个，显示 2 个');
      expect(screen.queryByRole('heading', { name: '缓存' })).toBeNull();
      fireEvent.change(box, { target: { value: '击穿' } });
      expect(document.getElementById('cache-breakdown')).not.toBeNull();
      expect(document.getElementById('split-vote')).toBeNull();
      fireEvent.change(box, { target: { value: 'zzz' } });
      expect(screen.getByRole('status').textContent).toBe('没有与“zzz”匹配的术语。');
      fireEvent.click(screen.getByRole('button', { name: '清除' }));
      expect(screen.getByRole('status').textContent).toBe('共 3 个，显示 3 个');
    } finally {
      cleanup();
    }
  });
});
