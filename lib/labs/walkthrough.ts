import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { readGraderConfig } from '@/grader/config';
import { compileLesson } from '@/lib/content/compile';
import { extractHeadings } from '@/lib/content/headings';
import { listUnlocks, requestWalkthrough, walkthroughState, type UnlockReason, type WalkthroughState } from '@/lib/data/help';
import type { Viewer } from '@/lib/data/types';
import type { Locale } from '@/lib/i18n/locale';
import { translate } from '@/lib/i18n/translate';
import { labManifest, listLabListings } from './catalog';

/**
 * A lab's walkthrough (labs/<id>/WALKTHROUGH.mdx, WALKTHROUGH.zh.mdx in Chinese): the reference's
 * approach, for a learner who is stuck. It is never part of the lab page: the workspace asks for it
 * (app/labs/[lab]/walkthrough-action.ts) and gets it only once lib/data/help.ts has an unlock for
 * that learner, after `walkthroughAfter` failed hidden submissions (lab.json, default 3) or a
 * confirmed request.
 */

export const WALKTHROUGH_FILES = { en: 'WALKTHROUGH.mdx', 'zh-CN': 'WALKTHROUGH.zh.mdx' } as const;

/** What the workspace shows about the walkthrough (safe to send: no content). */
export interface WalkthroughStatusView {
  /** Whether this lab has a walkthrough at all. */
  available: boolean;
  failedSubmissions: number;
  threshold: number;
  unlock: { reason: UnlockReason; unlockedAt: string } | null;
}

function toView(state: WalkthroughState, available: boolean): WalkthroughStatusView {
  return {
    available,
    failedSubmissions: state.failedSubmissions,
    threshold: state.threshold,
    unlock: state.unlock ? { reason: state.unlock.reason, unlockedAt: state.unlock.unlockedAt.toISOString() } : null,
  };
}

function walkthroughPath(labId: string, locale: Locale, labsDir = readGraderConfig().labsDir): string {
  return path.join(labsDir, labId, WALKTHROUGH_FILES[locale]);
}

export function hasWalkthrough(labId: string, labsDir?: string): boolean {
  return fs.existsSync(walkthroughPath(labId, 'en', labsDir));
}

/** The learner's walkthrough state for a lab (null for an unknown lab). Records an unlock the failures earned. */
export async function walkthroughStatus(viewer: Viewer | null, labId: string): Promise<WalkthroughStatusView | null> {
  const manifest = await labManifest(labId);
  if (!manifest) return null;
  return toView(await walkthroughState(viewer, labId, manifest.walkthroughAfter), hasWalkthrough(labId));
}

/** Unlocks on the learner's confirmed request (null for an unknown lab). */
export async function requestWalkthroughUnlock(viewer: Viewer, labId: string): Promise<WalkthroughStatusView | null> {
  const manifest = await labManifest(labId);
  if (!manifest) return null;
  return toView(await requestWalkthrough(viewer, labId, manifest.walkthroughAfter), hasWalkthrough(labId));
}

/** The labs whose walkthrough the learner unlocked, newest first, with each lab's title in the given language. */
export async function unlockedWalkthroughs(viewer: Viewer | null, locale: Locale): Promise<{ labId: string; title: string; reason: UnlockReason; unlockedAt: Date; threshold: number }[]> {
  if (!viewer) return [];
  const labs = await listLabListings(locale);
  const thresholds = new Map<string, number>();
  await Promise.all(
    labs.map(async (lab) => {
      const manifest = await labManifest(lab.id);
      if (manifest) thresholds.set(lab.id, manifest.walkthroughAfter);
    }),
  );
  const titles = new Map(labs.map((l) => [l.id, l.title] as const));
  return (await listUnlocks(viewer, thresholds)).map((u) => ({ ...u, title: titles.get(u.labId) ?? u.labId, threshold: thresholds.get(u.labId) ?? 3 }));
}

const compiled = new Map<string, string>();

/**
 * The walkthrough compiled with the lessons' MDX pipeline, in the learner's language (the English
 * one when no translation exists or it does not compile); null when the lab has none. The caller
 * checks the unlock first. Compiled once per process in production.
 */
export async function compiledWalkthrough(labId: string, locale: Locale, labsDir = readGraderConfig().labsDir): Promise<string | null> {
  const key = `${labsDir}\0${labId}\0${locale}`;
  if (process.env.NODE_ENV === 'production' && compiled.has(key)) return compiled.get(key)!;
  const enFile = walkthroughPath(labId, 'en', labsDir);
  if (!fs.existsSync(enFile)) return null;
  const english = fs.readFileSync(enFile, 'utf8');
  let code: string | null = null;
  if (locale === 'zh-CN') {
    const zhFile = walkthroughPath(labId, 'zh-CN', labsDir);
    if (fs.existsSync(zhFile)) {
      try {
        const headingIds = extractHeadings(english).map((h) => h.id);
        code = (await compileLesson(fs.readFileSync(zhFile, 'utf8'), `labs/${labId}/${WALKTHROUGH_FILES['zh-CN']}`, { headingIds, anchorLabel: translate('zh-CN', 'lesson.anchor') })).code;
      } catch (error) {
        console.error(error instanceof Error ? error.message : String(error));
      }
    }
  }
  code ??= (await compileLesson(english, `labs/${labId}/${WALKTHROUGH_FILES.en}`)).code;
  if (process.env.NODE_ENV === 'production') compiled.set(key, code);
  return code;
}
