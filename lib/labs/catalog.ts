import 'server-only';
import { cache } from 'react';
import { listLabs, loadLab, LabNotFoundError, type LabSummary, type PublicLab } from '@/grader';
import { loadCatalog } from '@/lib/content/catalog';
import { compileLesson } from '@/lib/content/compile';
import { extractHeadings } from '@/lib/content/headings';
import type { Locale } from '@/lib/i18n/locale';
import { translate } from '@/lib/i18n/translate';
import { readZhLab, readZhReadme } from './zh-lab';

export type Difficulty = LabSummary['difficulty'];

export const DIFFICULTY_LABEL: Record<Difficulty, string> = { intro: 'Intro', core: 'Core', stretch: 'Stretch' };
const DIFFICULTY_ORDER: Record<Difficulty, number> = { intro: 0, core: 1, stretch: 2 };

/** The difficulty badge in the learner's language (labs.difficulty.*). */
export function difficultyLabel(difficulty: Difficulty, locale: Locale = 'en'): string {
  return locale === 'en' ? DIFFICULTY_LABEL[difficulty] : translate(locale, `labs.difficulty.${difficulty}`);
}

/** "45 min", "1 h 30 min"; in Chinese "45 分钟", "1 小时 30 分钟" (labs.minutes.*). */
export function formatMinutes(minutes: number, locale: Locale = 'en'): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (locale !== 'en') {
    if (minutes < 60) return translate(locale, 'labs.minutes.minutes', { m: minutes });
    return m === 0 ? translate(locale, 'labs.minutes.hours', { h }) : translate(locale, 'labs.minutes.hoursMinutes', { h, m });
  }
  if (minutes < 60) return `${minutes} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export interface LabListing extends LabSummary {
  topicTitle: string;
  minutes: number;
}

function topicTitles(locale: Locale): Map<string, string> {
  try {
    return new Map(loadCatalog().map((t) => [t.id, locale === 'zh-CN' ? t.titleZh : t.title] as const));
  } catch {
    return new Map();
  }
}

/** The lab's texts in the learner's language (lab.zh.json), falling back to English per field. */
function localizeSummary<T extends LabSummary>(lab: T, locale: Locale): T {
  if (locale !== 'zh-CN') return lab;
  const zh = readZhLab(lab.id);
  if (!zh) return lab;
  const stageText = new Map(zh.stages.map((s) => [s.id, s] as const));
  return {
    ...lab,
    title: zh.title,
    summary: zh.summary,
    stages: lab.stages.map((s) => ({ ...s, title: stageText.get(s.id)?.title ?? s.title, summary: stageText.get(s.id)?.summary ?? s.summary })),
  };
}

/** The request's language, or English outside a request (scripts, tests). */
async function requestLocale(): Promise<Locale> {
  try {
    const { getLocale } = await import('next-intl/server');
    const locale = await getLocale();
    return locale === 'zh-CN' ? 'zh-CN' : 'en';
  } catch {
    return 'en';
  }
}

/** Every lab package, ordered by topic (catalogue order), then difficulty, then English title (the same order in both languages). */
export const listLabListings = cache(async (locale: Locale = 'en'): Promise<LabListing[]> => {
  const order = new Map([...topicTitles('en').keys()].map((id, i) => [id, i] as const));
  const titles = topicTitles(locale);
  const labs = await listLabs();
  return labs
    .map((lab) => ({ ...lab, topicTitle: titles.get(lab.topic) ?? lab.topic, minutes: lab.estimatedMinutes }))
    .sort(
      (a, b) =>
        (order.get(a.topic) ?? 99) - (order.get(b.topic) ?? 99) ||
        DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty] ||
        a.title.localeCompare(b.title),
    )
    .map((lab) => localizeSummary(lab, locale));
});

/** Labs of one topic (for the topic page's "Labs" section), in the request's language unless one is given. */
export async function labsForTopic(topicId: string, locale?: Locale): Promise<LabListing[]> {
  return (await listLabListings(locale ?? (await requestLocale()))).filter((l) => l.topic === topicId);
}

/** Whether a lab package with this id exists (route handlers validate ids with it). */
export async function labExists(labId: string): Promise<boolean> {
  return (await listLabs()).some((l) => l.id === labId);
}

export interface LabPageData {
  lab: PublicLab;
  listing: LabListing;
  /** The README source shown (README.zh.mdx in Chinese when written, else README.mdx). */
  readme: string;
  /** The README compiled with the lessons' MDX pipeline (render with components/mdx/render.tsx); null if it does not compile. */
  readmeCode: string | null;
  readmeError: string | null;
}

/** Everything the workspace page renders on the server; null for an unknown lab. */
export const loadLabPage = cache(async (labId: string, locale: Locale = 'en'): Promise<LabPageData | null> => {
  let lab: PublicLab;
  try {
    lab = await loadLab(labId);
  } catch (error) {
    if (error instanceof LabNotFoundError) return null;
    throw error;
  }
  const listing = (await listLabListings(locale)).find((l) => l.id === labId);
  if (!listing) return null;
  if (locale === 'zh-CN') {
    const zhReadme = readZhReadme(labId);
    if (zhReadme !== null) {
      // The i-th heading gets the English README's i-th anchor, as Chinese lessons do, so links carry over.
      const headingIds = extractHeadings(lab.readme).map((h) => h.id);
      try {
        const { code } = await compileLesson(zhReadme, `labs/${labId}/README.zh.mdx`, { headingIds, anchorLabel: translate('zh-CN', 'lesson.anchor') });
        return { lab, listing, readme: zhReadme, readmeCode: code, readmeError: null };
      } catch (error) {
        console.error(`labs/${labId}/README.zh.mdx: ${error instanceof Error ? error.message : String(error)}`);
        // Falls through to the English README.
      }
    }
  }
  try {
    const { code } = await compileLesson(lab.readme, `labs/${labId}/README.mdx`);
    return { lab, listing, readme: lab.readme, readmeCode: code, readmeError: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`labs/${labId}/README.mdx: ${message}`);
    return { lab, listing, readme: lab.readme, readmeCode: null, readmeError: message };
  }
});

/** A lab's validated manifest (limits, stages), or null for an unknown lab. */
export async function labManifest(labId: string): Promise<PublicLab['manifest'] | null> {
  try {
    return (await loadLab(labId)).manifest;
  } catch (error) {
    if (error instanceof LabNotFoundError) return null;
    throw error;
  }
}
