import type { TopicWithLessons } from './catalog';
import { LAB_IDS } from './schema';

export type LinkProblem = { file: string; href: string; problem: string };

const STATIC_PATHS = new Set(['/', '/labs', '/quiz', '/quiz/mixed', '/review', '/progress']);

/** Internal links in an MDX body: markdown `](/x)` / `](#x)` and JSX `href="/x"`. */
export function extractInternalLinks(body: string): string[] {
  const links: string[] = [];
  const withoutCode = body.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  for (const m of withoutCode.matchAll(/\]\(((?:\/|#)[^)\s]*)\)/g)) links.push(m[1]!);
  for (const m of withoutCode.matchAll(/href=["']((?:\/|#)[^"']*)["']/g)) links.push(m[1]!);
  return links;
}

/**
 * Checks one internal link against the catalogue: topics, lessons and their heading anchors,
 * lab ids, quiz topics and tags. `quizTags` (optional) is the set of tags used by the question banks.
 */
export function checkLink(
  href: string,
  catalog: TopicWithLessons[],
  here: { topic: string; slug: string },
  quizTags?: ReadonlySet<string>,
): string | null {
  const [pathAndQuery, anchor] = href.split('#', 2) as [string, string | undefined];
  const [pathname, query] = pathAndQuery.split('?', 2) as [string, string | undefined];
  const lessonOf = (topic: string, slug: string) => catalog.find((t) => t.id === topic)?.lessons.find((l) => l.slug === slug);

  if (pathname === '') {
    const lesson = lessonOf(here.topic, here.slug);
    if (anchor && lesson && !lesson.headings.some((h) => h.id === anchor)) return `no heading #${anchor} in this lesson`;
    return null;
  }
  const parts = pathname.replace(/\/$/, '').split('/').slice(1);
  if (STATIC_PATHS.has(pathname) && !query) return null;
  switch (parts[0]) {
    case 'learn': {
      const topic = catalog.find((t) => t.id === parts[1]);
      if (!topic) return `unknown topic "${parts[1] ?? ''}"`;
      if (parts.length === 2) return anchor ? 'topic pages have no anchors' : null;
      if (parts.length !== 3) return 'lesson links look like /learn/<topic>/<slug>';
      const lesson = lessonOf(topic.id, parts[2]!);
      if (!lesson) return `no lesson "${parts[2]}" in topic ${topic.id}`;
      if (anchor && !lesson.headings.some((h) => h.id === anchor)) return `no heading #${anchor} in ${topic.id}/${lesson.slug}`;
      return null;
    }
    case 'labs': {
      if (parts.length === 1) return null;
      if (parts.length !== 2 || !(LAB_IDS as readonly string[]).includes(parts[1]!)) return `unknown lab "${parts.slice(1).join('/')}"`;
      return null;
    }
    case 'quiz': {
      if (parts.length !== 2) return 'quiz links look like /quiz/<topic> or /quiz/mixed';
      if (parts[1] !== 'mixed' && !catalog.some((t) => t.id === parts[1])) return `unknown quiz topic "${parts[1]}"`;
      const tag = query ? new URLSearchParams(query).get('tag') : null;
      if (query && !tag) return 'the only quiz query parameter is ?tag=';
      if (tag && quizTags && !quizTags.has(tag)) return `no question is tagged "${tag}"`;
      return null;
    }
    case 'interview': {
      if (query) return 'interview links take no query';
      if (parts.length === 1) return null;
      if (parts.length !== 2) return 'interview links look like /interview, /interview/mock, /interview/due or /interview/<topic>';
      if (parts[1] !== 'mock' && parts[1] !== 'due' && !catalog.some((t) => t.id === parts[1])) return `unknown interview topic "${parts[1]}"`;
      return null;
    }
    default:
      return STATIC_PATHS.has(pathname) ? null : `unknown page ${pathname}`;
  }
}
