/**
 * A lesson's `## Practice` section promises labs; this test holds those promises to the labs.
 *
 * The rule, for every lesson `content/<topic>/<nn>-<slug>.mdx`. Its Practice section runs from the
 * `## Practice` heading to the next `##` heading (or the end); its lab links are the internal links
 * there (markdown or JSX `href`, outside code, as `lib/content/links.ts` finds them) whose path is
 * `/labs/<id>`, optionally with `#<anchor>`. (`/labs` alone, the catalogue, is not a lab link.)
 *
 *  1. Every lab link names a real lab (a folder `labs/<id>` with a `lab.json`), has no query and no
 *     further path, and `<id>` is in the lesson's frontmatter `labs`.
 *  2. Every lab in the frontmatter `labs` is linked from the Practice section at least once.
 *  3. An anchor must be the id of a `##`/`###` heading of `labs/<id>/README.mdx`: the lab page
 *     (app/labs/[lab]) renders the README with the lessons' MDX pipeline, whose rehype step gives
 *     headings the github-slugger ids that `extractHeadings` (lib/content/headings.ts) computes.
 *  4. With or without an anchor, the lab's README must mention the lesson: it links to
 *     `/learn/<topic>/<slug>` (any anchor), or it contains, case-insensitively and with markup and
 *     line breaks flattened, the text of one of the lesson's `##`/`###` headings that has at least two
 *     words and is no other lesson's heading (so "Practice", "Common interview traps" or "Worked
 *     example" never count).
 *  5. `labs/<id>/lab.json` lists `"<topic>/<slug>"` in `relatedLessons`.
 *
 * And for every lab, the other direction:
 *  6. every `relatedLessons` entry is a lesson that lists the lab in its frontmatter `labs` (and so,
 *     by 2, links it from Practice), or one the lab's README links to (background reading).
 *
 * Each problem names the file and the link (or the lab) it is about.
 */
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '@/lib/content/catalog';
import { extractHeadings, plainText } from '@/lib/content/headings';
import { extractInternalLinks } from '@/lib/content/links';

export type PracticeLesson = {
  topic: string;
  slug: string;
  /** For messages, e.g. content/raft/07-prevote-and-checkquorum.mdx. */
  file: string;
  /** Frontmatter `labs`. */
  labs: string[];
  /** The MDX body (frontmatter removed). */
  body: string;
};

export type PracticeLab = { readme: string; relatedLessons: string[] };

export type PracticeProblem = { file: string; link: string; problem: string };

/** The `## Practice` section of an MDX body (heading line excluded), or null if there is none. */
export function practiceSection(body: string): string | null {
  const lines = body.split('\n');
  let fence: string | null = null;
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const f = /^\s*(```+|~~~+)/.exec(line);
    if (f) {
      if (fence === null) fence = f[1]!;
      else if (f[1]!.startsWith(fence)) fence = null;
      continue;
    }
    if (fence !== null || !/^##\s/.test(line)) continue;
    if (start >= 0) return lines.slice(start, i).join('\n');
    if (/^##\s+Practice\s*$/.test(line)) start = i + 1;
  }
  return start >= 0 ? lines.slice(start).join('\n') : null;
}

const flatten = (text: string) => plainText(text).replace(/[*_`]/g, '').replace(/\s+/g, ' ').toLowerCase();

export function checkPracticeLinks(lessons: PracticeLesson[], labs: ReadonlyMap<string, PracticeLab>): PracticeProblem[] {
  const problems: PracticeProblem[] = [];
  const headingsOf = new Map(lessons.map((l) => [l, extractHeadings(l.body)] as const));
  const headingUse = new Map<string, number>();
  for (const hs of headingsOf.values()) for (const t of new Set(hs.map((h) => h.text.toLowerCase()))) headingUse.set(t, (headingUse.get(t) ?? 0) + 1);
  const readmeText = new Map([...labs].map(([id, lab]) => [id, flatten(lab.readme)] as const));
  const readmeLinks = new Map([...labs].map(([id, lab]) => [id, extractInternalLinks(lab.readme).map((href) => href.split('#')[0]!.replace(/\/$/, ''))] as const));

  const mentions = (lesson: PracticeLesson, labId: string): boolean => {
    if (readmeLinks.get(labId)!.includes(`/learn/${lesson.topic}/${lesson.slug}`)) return true;
    const text = readmeText.get(labId)!;
    return headingsOf.get(lesson)!.some((h) => {
      const t = h.text.toLowerCase();
      return t.split(/\s+/).length >= 2 && headingUse.get(t) === 1 && text.includes(flatten(h.text));
    });
  };

  for (const lesson of lessons) {
    const ref = `${lesson.topic}/${lesson.slug}`;
    const section = practiceSection(lesson.body);
    const links = section === null ? [] : extractInternalLinks(section).filter((href) => /^\/labs\/./.test(href));
    const linked = new Set<string>();
    for (const link of links) {
      const report = (problem: string) => problems.push({ file: lesson.file, link, problem });
      const m = /^\/labs\/([^/?#]+)(#.*)?$/.exec(link);
      if (!m) {
        report('lab links look like /labs/<id> or /labs/<id>#<README heading>');
        continue;
      }
      const id = m[1]!;
      const anchor = m[2]?.slice(1);
      const lab = labs.get(id);
      if (!lab) {
        report(`unknown lab "${id}"`);
        continue;
      }
      linked.add(id);
      if (!lesson.labs.includes(id)) report(`lab "${id}" is linked from Practice but not listed in the frontmatter labs [${lesson.labs.join(', ')}]`);
      if (anchor !== undefined && !extractHeadings(lab.readme).some((h) => h.id === anchor)) {
        report(`no heading #${anchor} in labs/${id}/README.mdx (its headings: ${extractHeadings(lab.readme).map((h) => h.id).join(', ')})`);
      }
      if (!mentions(lesson, id)) report(`labs/${id}/README.mdx never mentions this lesson: link to /learn/${ref} from it, or name one of the lesson's headings`);
      if (!lab.relatedLessons.includes(ref)) report(`labs/${id}/lab.json relatedLessons does not list "${ref}"`);
    }
    for (const id of lesson.labs) {
      if (!linked.has(id)) problems.push({ file: lesson.file, link: `/labs/${id}`, problem: `lab "${id}" is in the frontmatter labs but not linked from the Practice section` });
    }
  }

  for (const [id, lab] of labs) {
    for (const ref of lab.relatedLessons) {
      const lesson = lessons.find((l) => `${l.topic}/${l.slug}` === ref);
      if (lesson?.labs.includes(id)) continue;
      if (readmeLinks.get(id)!.includes(`/learn/${ref}`)) continue;
      problems.push({
        file: `labs/${id}/lab.json`,
        link: `/learn/${ref}`,
        problem: lesson ? `relatedLessons lists "${ref}", which neither lists this lab in its frontmatter labs nor is linked from the README` : `relatedLessons lists "${ref}", which is not a lesson`,
      });
    }
  }
  return problems;
}

function loadRealContent(): { lessons: PracticeLesson[]; labs: Map<string, PracticeLab> } {
  const lessons = loadCatalog().flatMap((t) =>
    t.lessons.map((l) => ({
      topic: t.id,
      slug: l.slug,
      file: l.file,
      labs: l.labs,
      body: matter(fs.readFileSync(path.join('content', t.id, l.fileName), 'utf8')).content,
    })),
  );
  const labs = new Map<string, PracticeLab>();
  for (const id of fs.readdirSync('labs').sort()) {
    const manifest = path.join('labs', id, 'lab.json');
    if (!fs.existsSync(manifest)) continue;
    const { relatedLessons } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { relatedLessons?: string[] };
    labs.set(id, { readme: fs.readFileSync(path.join('labs', id, 'README.mdx'), 'utf8'), relatedLessons: relatedLessons ?? [] });
  }
  return { lessons, labs };
}

describe('practice links', () => {
  it('every lesson\'s Practice lab links agree with its frontmatter, the lab READMEs and lab.json', () => {
    const { lessons, labs } = loadRealContent();
    expect(lessons.length).toBeGreaterThan(20);
    expect(labs.size).toBeGreaterThan(10);
    expect(checkPracticeLinks(lessons, labs)).toEqual([]);
  });
});

describe('the practice-link checker', () => {
  const readme = [
    '# Lab A',
    '',
    'Read [the lesson](/learn/t/one#x) first.',
    '',
    '## Step 1: do the thing',
    '',
    '```md',
    '## Not a heading',
    '```',
  ].join('\n');
  const labs = new Map<string, PracticeLab>([
    ['lab-a', { readme, relatedLessons: ['t/one'] }],
    ['lab-b', { readme: '# Lab B\n\n## Step 1: other\n', relatedLessons: ['t/one'] }],
  ]);
  const lesson = (practice: string, frontmatterLabs: string[], extra = ''): PracticeLesson => ({
    topic: 't',
    slug: 'one',
    file: 'content/t/01-one.mdx',
    labs: frontmatterLabs,
    body: `## Why consistency costs latency\n\nText ${extra}\n\n## Practice\n\n${practice}\n\n## After\n\n[not practice](/labs/lab-b)\n`,
  });
  const check = (l: PracticeLesson, labMap = labs) => checkPracticeLinks([l], labMap).filter((p) => p.file === l.file);

  it('accepts a link to a lab that lists the lesson and links back to it, with or without a README anchor', () => {
    expect(check(lesson('- Lab: [a](/labs/lab-a) and [its step](/labs/lab-a#step-1-do-the-thing).', ['lab-a']))).toEqual([]);
  });

  it('reports an unknown lab, a malformed link and an anchor that is no README heading, with the file and link', () => {
    expect(check(lesson('- [x](/labs/nope)', []))).toEqual([{ file: 'content/t/01-one.mdx', link: '/labs/nope', problem: 'unknown lab "nope"' }]);
    expect(check(lesson('- [x](/labs/lab-a/extra)', ['lab-a']))).toContainEqual(expect.objectContaining({ link: '/labs/lab-a/extra', problem: expect.stringMatching(/lab links look like/) }));
    expect(check(lesson('- [x](/labs/lab-a#not-a-heading)', ['lab-a']))).toEqual([
      { file: 'content/t/01-one.mdx', link: '/labs/lab-a#not-a-heading', problem: expect.stringMatching(/no heading #not-a-heading in labs\/lab-a\/README.mdx/) },
    ]);
    // A heading inside a code fence gets no id.
    expect(check(lesson('- [x](/labs/lab-a#not-a-heading-1)', ['lab-a']))).toHaveLength(1);
  });

  it('reports a linked lab missing from the frontmatter, and a frontmatter lab Practice never links', () => {
    expect(check(lesson('- [a](/labs/lab-a)', []))).toEqual([
      { file: 'content/t/01-one.mdx', link: '/labs/lab-a', problem: 'lab "lab-a" is linked from Practice but not listed in the frontmatter labs []' },
    ]);
    // lab-b is linked only outside Practice, which does not count.
    expect(check(lesson('- [a](/labs/lab-a)', ['lab-a', 'lab-b']))).toEqual([
      { file: 'content/t/01-one.mdx', link: '/labs/lab-b', problem: 'lab "lab-b" is in the frontmatter labs but not linked from the Practice section' },
    ]);
  });

  it('reports a README that never mentions the lesson, even when the link has a valid anchor', () => {
    expect(check(lesson('- [b](/labs/lab-b#step-1-other)', ['lab-b']))).toEqual([
      { file: 'content/t/01-one.mdx', link: '/labs/lab-b#step-1-other', problem: expect.stringMatching(/labs\/lab-b\/README.mdx never mentions this lesson: link to \/learn\/t\/one/) },
    ]);
  });

  it('accepts a README that names a distinctive heading of the lesson instead of linking, but not a generic one', () => {
    const named = new Map(labs).set('lab-b', { readme: '# Lab B\n\nThis is why\n**consistency** costs latency.\n', relatedLessons: ['t/one'] });
    expect(check(lesson('- [b](/labs/lab-b)', ['lab-b']), named)).toEqual([]);
    const generic = new Map(labs).set('lab-b', { readme: '# Lab B\n\nSee the practice section.\n', relatedLessons: ['t/one'] });
    expect(check(lesson('- [b](/labs/lab-b)', ['lab-b']), generic)).toHaveLength(1);
    // A heading two lessons share is not distinctive.
    const twin: PracticeLesson = { ...lesson('', []), slug: 'two', file: 'content/t/02-two.mdx' };
    expect(checkPracticeLinks([lesson('- [b](/labs/lab-b)', ['lab-b']), twin], named).filter((p) => p.file === 'content/t/01-one.mdx')).toHaveLength(1);
  });

  it('reports a lab whose lab.json does not list the lesson', () => {
    const unlisted = new Map(labs).set('lab-a', { readme, relatedLessons: [] });
    expect(check(lesson('- [a](/labs/lab-a)', ['lab-a']), unlisted)).toEqual([
      { file: 'content/t/01-one.mdx', link: '/labs/lab-a', problem: 'labs/lab-a/lab.json relatedLessons does not list "t/one"' },
    ]);
  });

  it('reports a related lesson that neither practises the lab nor is linked from its README', () => {
    const problems = checkPracticeLinks([lesson('- [a](/labs/lab-a)', ['lab-a'])], labs);
    expect(problems).toEqual([
      { file: 'labs/lab-b/lab.json', link: '/learn/t/one', problem: expect.stringMatching(/neither lists this lab in its frontmatter labs nor is linked from the README/) },
    ]);
  });

  it('finds the Practice section between its heading and the next ## heading, ignoring code fences', () => {
    expect(practiceSection('## A\n\nx\n\n## Practice\n\np\n```\n## Not\n```\nq\n\n## B\n\nr')).toBe('\np\n```\n## Not\n```\nq\n');
    expect(practiceSection('## Practice\n\nlast')).toBe('\nlast');
    expect(practiceSection('## A\n')).toBeNull();
  });
});
