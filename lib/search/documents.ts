import 'server-only';
import { loadCatalog } from '@/lib/content/catalog';
import { loadGlossary, termNames } from '@/lib/content/glossary';
import { plainText } from '@/lib/content/headings';
import { readZhLesson, zhQuestionTexts, type ZhLesson } from '@/lib/content/translations';
import type { Locale } from '@/lib/i18n/locale';
import { listLabListings } from '@/lib/labs/catalog';
import { loadBank } from '@/lib/quiz/bank';
import { questionText } from '@/lib/quiz/localize';
import type { SearchDoc } from './options';

/**
 * The documents the search dialog finds, in one language, read from the content catalogue: every
 * lesson (title and summary) and each of its ## / ### headings (linking to the heading's anchor),
 * every quiz question's stem (linking to /quiz/<topic>?q=<id>, which opens that one question), every
 * lab (title and summary) and every glossary term (both names, aliases and the definition; linking
 * to /glossary#<id>). Chinese texts fall back to English where a translation is missing, as the
 * pages do; Chinese headings take the English lesson's i-th anchor (lib/content/translations.ts).
 */
export async function searchDocuments(locale: Locale): Promise<SearchDoc[]> {
  const zh = locale === 'zh-CN';
  const docs: SearchDoc[] = [];
  // Ids are positions: short in the serialized index (the href is the document's identity).
  const add = (doc: Omit<SearchDoc, 'id'>) => docs.push({ id: docs.length, ...doc });
  const catalog = loadCatalog();
  const topicTitle = new Map<string, string>(catalog.map((t) => [t.id, zh ? t.titleZh : t.title]));

  for (const topic of catalog) {
    const tTitle = topicTitle.get(topic.id)!;
    for (const lesson of topic.lessons) {
      const zhLesson = zh ? zhLessonOrNull(topic.id, lesson) : null;
      const title = zhLesson?.title ?? lesson.title;
      const summary = zhLesson?.summary ?? lesson.summary;
      const base = `/learn/${topic.id}/${lesson.slug}`;
      add({ kind: 'lesson', title, names: tTitle, text: summary, context: tTitle, snippet: excerpt(summary), href: base });
      // The i-th Chinese heading is the English lesson's i-th (same anchor); a lesson whose outline differs stays English.
      const headings = zhLesson && zhLesson.headings.length === lesson.headings.length ? zhLesson.headings.map((h, i) => ({ ...h, id: lesson.headings[i]!.id })) : lesson.headings;
      for (const h of headings) {
        add({ kind: 'lesson', title: h.text, names: '', text: '', context: `${tTitle} › ${title}`, snippet: '', href: `${base}#${h.id}` });
      }
    }
  }

  // Read the Chinese texts once: outside production zhQuestion() re-reads every file on each call.
  const zhTexts = zh ? zhQuestionTexts().byId : null;
  for (const q of loadBank().questions) {
    // The whole stem is the title (searched once, shown cut to two lines by the dialog's CSS).
    const prompt = plainMarkdown(questionText(q, locale, zhTexts?.get(q.id)).prompt);
    add({
      kind: 'question',
      title: prompt,
      names: '',
      text: '',
      context: topicTitle.get(q.topic) ?? q.topic,
      snippet: '',
      href: `/quiz/${q.topic}?q=${encodeURIComponent(q.id)}`,
    });
  }

  for (const lab of await listLabListings(locale)) {
    add({ kind: 'lab', title: lab.title, names: lab.topicTitle, text: lab.summary, context: lab.topicTitle, snippet: excerpt(lab.summary), href: `/labs/${lab.id}` });
  }

  for (const entry of loadGlossary().entries) {
    const [name, other] = zh ? [entry.zh, entry.en] : [entry.en, entry.zh];
    const definition = zh ? entry.definition.zh : entry.definition.en;
    const names = [...termNames(entry, 'en'), ...termNames(entry, 'zh')].filter((n) => n !== name);
    add({ kind: 'term', title: name, names: names.join(' · '), text: definition, context: other, snippet: excerpt(definition), href: `/glossary#${entry.id}` });
  }
  return docs;
}

function zhLessonOrNull(topicId: string, lesson: Parameters<typeof readZhLesson>[1]): ZhLesson | null {
  try {
    return readZhLesson(topicId, lesson);
  } catch {
    return null; // a bad translation is reported by the content tests; search falls back to English
  }
}

/** Markdown as one line of plain text: code fences' markers, inline code, links and emphasis dropped. */
export function plainMarkdown(markdown: string): string {
  return plainText(
    markdown
      .replace(/^\s*(```+|~~~+).*$/gm, ' ')
      .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
      .replace(/\s+/g, ' '),
  );
}

/** The first `max` characters of a text (by code point), cut at a space where one is near, with an ellipsis. */
export function excerpt(text: string, max = 140): string {
  const chars = [...text.trim()];
  if (chars.length <= max) return chars.join('');
  let cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,.;:，。；：、]+$/u, '')}…`;
}
