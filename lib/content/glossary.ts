import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { contentRoot } from './catalog';
import { ContentError } from './errors';
import { describeIssues, TOPIC_IDS } from './schema';

/**
 * The glossary (content/glossary.json): one entry per concept, with its English and Chinese names,
 * the variant spellings lessons use, and a one-line definition in each language. It drives the
 * inline <Term> of the lessons and the /glossary page. See content/README.md for the format.
 */

const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single dashes)');
const name = z.string().trim().min(1, 'must not be empty').max(60, 'is too long for a term (60 characters at most)');

export const glossaryEntrySchema = z.strictObject({
  id: kebab,
  /** The English name, as shown on the glossary page. */
  en: name,
  /** The Chinese name (may keep an English word, e.g. "CheckQuorum 机制"). */
  zh: name,
  /** Other spellings lessons use for the same concept: plurals, capitalised, with an abbreviation… */
  aliases: z
    .strictObject({
      en: z.array(name).min(1).optional(),
      zh: z.array(name).min(1).optional(),
    })
    .optional(),
  topic: z.enum(TOPIC_IDS),
  definition: z.strictObject({
    en: z.string().trim().min(10, 'must be a sentence').max(260, 'must be one line (260 characters at most)'),
    zh: z
      .string()
      .trim()
      .min(4, 'must be a sentence')
      .max(130, 'must be one line (130 characters at most)')
      .regex(/\p{Script=Han}/u, 'must be written in Chinese'),
  }),
  /** The lesson that introduces the concept: "<topic>/<lesson slug>". */
  lesson: z
    .string()
    .regex(/^[a-z]+\/[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be "<topic>/<lesson slug>", e.g. "raft/leader-election"')
    .optional(),
});
export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;

const glossaryFileSchema = z.strictObject({ entries: z.array(z.unknown()).min(1, 'list at least one entry') });

export type Glossary = {
  entries: GlossaryEntry[];
  byId: Map<string, GlossaryEntry>;
  /** Normalised English names and aliases → entry. */
  byEn: Map<string, GlossaryEntry>;
  /** Normalised Chinese names and aliases → entry. */
  byZh: Map<string, GlossaryEntry>;
};

/** How names are compared: markdown emphasis dropped, spaces collapsed, case ignored. */
export function normalizeTermName(value: string): string {
  return value.replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

export function glossaryFile(root = contentRoot()): string {
  return path.join(root, 'glossary.json');
}

/** Checks the parsed JSON of a glossary file; throws a ContentError naming the entry at fault. */
export function parseGlossary(raw: unknown, file = 'content/glossary.json'): Glossary {
  const top = glossaryFileSchema.safeParse(raw);
  if (!top.success) throw new ContentError(file, describeIssues(top.error));
  const entries: GlossaryEntry[] = [];
  const byId = new Map<string, GlossaryEntry>();
  const byEn = new Map<string, GlossaryEntry>();
  const byZh = new Map<string, GlossaryEntry>();
  top.data.entries.forEach((item, index) => {
    const label = `entry ${index + 1}${item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string' ? ` "${(item as { id: string }).id}"` : ''}`;
    const parsed = glossaryEntrySchema.safeParse(item);
    if (!parsed.success) throw new ContentError(file, `${label}: ${describeIssues(parsed.error)}`);
    const entry = parsed.data;
    if (byId.has(entry.id)) throw new ContentError(file, `${label}: id "${entry.id}" is used twice`);
    byId.set(entry.id, entry);
    const claim = (map: Map<string, GlossaryEntry>, value: string, lang: string) => {
      const key = normalizeTermName(value);
      const owner = map.get(key);
      if (owner && owner !== entry) throw new ContentError(file, `${label}: the ${lang} name "${value}" is also a name of "${owner.id}"`);
      map.set(key, entry);
    };
    for (const n of [entry.en, ...(entry.aliases?.en ?? [])]) claim(byEn, n, 'English');
    for (const n of [entry.zh, ...(entry.aliases?.zh ?? [])]) claim(byZh, n, 'Chinese');
    entries.push(entry);
  });
  return { entries, byId, byEn, byZh };
}

let cache: { file: string; mtimeMs: number; glossary: Glossary } | null = null;

/**
 * The glossary, read once per process in production (re-read when the file changes otherwise).
 * Throws a ContentError if the file is missing or invalid.
 */
export function loadGlossary(root = contentRoot()): Glossary {
  const file = glossaryFile(root);
  const shown = path.relative(process.cwd(), file) || file;
  if (cache && cache.file === file && process.env.NODE_ENV === 'production') return cache.glossary;
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch (error) {
    throw new ContentError(shown, `cannot read the glossary: ${(error as Error).message}`);
  }
  if (cache && cache.file === file && cache.mtimeMs === mtimeMs) return cache.glossary;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ContentError(shown, `cannot read the glossary: ${(error as Error).message}`);
  }
  const glossary = parseGlossary(raw, shown);
  cache = { file, mtimeMs, glossary };
  return glossary;
}

/** The entry named `value` in `lang` (its name or one of its aliases, case-insensitive), if any. */
export function findTerm(value: string, lang: 'en' | 'zh' = 'en', glossary: Glossary = loadGlossary()): GlossaryEntry | undefined {
  return (lang === 'en' ? glossary.byEn : glossary.byZh).get(normalizeTermName(value));
}

/** The names an entry answers to in `lang`: its name first, then its aliases. */
export function termNames(entry: GlossaryEntry, lang: 'en' | 'zh'): string[] {
  return lang === 'en' ? [entry.en, ...(entry.aliases?.en ?? [])] : [entry.zh, ...(entry.aliases?.zh ?? [])];
}
