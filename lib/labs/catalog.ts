import 'server-only';
import { cache } from 'react';
import { listLabs, loadLab, LabNotFoundError, type LabSummary, type PublicLab } from '@/grader';
import { loadCatalog } from '@/lib/content/catalog';
import { compileLesson } from '@/lib/content/compile';

export type Difficulty = LabSummary['difficulty'];

export const DIFFICULTY_LABEL: Record<Difficulty, string> = { intro: 'Intro', core: 'Core', stretch: 'Stretch' };
const DIFFICULTY_ORDER: Record<Difficulty, number> = { intro: 0, core: 1, stretch: 2 };

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export interface LabListing extends LabSummary {
  topicTitle: string;
  minutes: number;
}

function topicTitles(): Map<string, string> {
  try {
    return new Map(loadCatalog().map((t) => [t.id, t.title] as const));
  } catch {
    return new Map();
  }
}

/** Every lab package, ordered by topic (catalogue order), then difficulty, then title. */
export const listLabListings = cache(async (): Promise<LabListing[]> => {
  const titles = topicTitles();
  const order = new Map([...titles.keys()].map((id, i) => [id, i] as const));
  const labs = await listLabs();
  return labs
    .map((lab) => ({ ...lab, topicTitle: titles.get(lab.topic) ?? lab.topic, minutes: lab.estimatedMinutes }))
    .sort(
      (a, b) =>
        (order.get(a.topic) ?? 99) - (order.get(b.topic) ?? 99) ||
        DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty] ||
        a.title.localeCompare(b.title),
    );
});

/** Labs of one topic (for the topic page's "Labs" section). */
export async function labsForTopic(topicId: string): Promise<LabListing[]> {
  return (await listLabListings()).filter((l) => l.topic === topicId);
}

/** Whether a lab package with this id exists (route handlers validate ids with it). */
export async function labExists(labId: string): Promise<boolean> {
  return (await listLabs()).some((l) => l.id === labId);
}

export interface LabPageData {
  lab: PublicLab;
  listing: LabListing;
  /** The README compiled with the lessons' MDX pipeline (render with components/mdx/render.tsx); null if it does not compile. */
  readmeCode: string | null;
  readmeError: string | null;
}

/** Everything the workspace page renders on the server; null for an unknown lab. */
export const loadLabPage = cache(async (labId: string): Promise<LabPageData | null> => {
  let lab: PublicLab;
  try {
    lab = await loadLab(labId);
  } catch (error) {
    if (error instanceof LabNotFoundError) return null;
    throw error;
  }
  const listing = (await listLabListings()).find((l) => l.id === labId);
  if (!listing) return null;
  try {
    const { code } = await compileLesson(lab.readme, `labs/${labId}/README.mdx`);
    return { lab, listing, readmeCode: code, readmeError: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`labs/${labId}/README.mdx: ${message}`);
    return { lab, listing, readmeCode: null, readmeError: message };
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
