import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { LabResultTextsProvider } from '@/components/workspace/result-text';
import { LabWorkspace } from '@/components/workspace/lab-workspace';
import { listLabs } from '@/grader';
import { currentViewer } from '@/lib/auth/session';
import type { Locale } from '@/lib/i18n/locale';
import { difficultyLabel, formatMinutes, loadLabPage, type LabPageData } from '@/lib/labs/catalog';
import { records } from '@/lib/labs/lab-records';
import type { DraftView } from '@/lib/labs/submission-view';
import { draftView } from '@/lib/labs/views';
import { zhResultTexts } from '@/lib/labs/zh-lab';
import { perProcessCache } from '@/lib/per-process-cache';
import { labHints, LabInstructions } from './instructions';
import { walkthroughAction } from './walkthrough-action';

type Params = { lab: string };

// The lab ids are known at build time; the page itself renders per request (the language, the learner's draft).
// The submissions are fetched by the workspace from the lab API routes.
export const dynamicParams = false;

/**
 * A lab's page data (its README compiled from MDX: ~100 ms of esbuild, remark and Shiki per lab and language) once
 * per server process: `loadLabPage` is only cached within one request, and a lab changes only with a deploy.
 */
const pageData = perProcessCache<LabPageData | null>((data) => data !== null);
const labPageOnce = (labId: string, locale: Locale) => pageData(`${locale}:${labId}`, () => loadLabPage(labId, locale));

/**
 * The learner's saved draft, read with the page so the editor opens at once instead of after a request of its own
 * (the workspace still prefers this browser's newer copy). undefined if it cannot be read: the workspace fetches it.
 */
async function savedDraft(labId: string): Promise<DraftView | null | undefined> {
  try {
    const viewer = await currentViewer();
    if (!viewer) return null;
    const draft = await records().getDraft(viewer, labId);
    return draft ? draftView(draft) : null;
  } catch (error) {
    console.error(`labs/${labId}: the draft was not read with the page: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

export async function generateStaticParams(): Promise<Params[]> {
  return (await listLabs()).map((lab) => ({ lab: lab.id }));
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const locale = (await getLocale()) as Locale;
  const t = await getTranslations('labs');
  const data = await labPageOnce((await params).lab, locale);
  return data ? { title: t('meta.labTitle', { title: data.listing.title }), description: data.listing.summary } : {};
}

export default async function LabPage({ params }: { params: Promise<Params> }) {
  const locale = (await getLocale()) as Locale;
  const labId = (await params).lab;
  const [data, draft] = await Promise.all([labPageOnce(labId, locale), savedDraft(labId)]);
  if (!data) notFound();
  const { lab, listing, readme, readmeCode, readmeError } = data;
  return (
    <LabResultTextsProvider texts={locale === 'zh-CN' ? zhResultTexts(lab.manifest.id) : null}>
      <LabWorkspace
        labId={lab.manifest.id}
        title={listing.title}
        topic={listing.topic}
        topicTitle={listing.topicTitle}
        difficultyLabel={difficultyLabel(listing.difficulty, locale)}
        minutesLabel={formatMinutes(listing.minutes, locale)}
        suiteStrength={lab.suiteStrength}
        stages={listing.stages.map((s) => ({ id: s.id, title: s.title, ...(s.hints ? { hints: s.hints } : {}) }))}
        starter={lab.starter}
        {...(draft === undefined ? {} : { savedDraft: draft })}
        apiTypes={lab.apiTypes}
        codeSizeKb={lab.manifest.limits.codeSizeKb}
        instructions={<LabInstructions code={readmeCode} source={readme} labId={lab.manifest.id} compileError={readmeError} />}
        hints={labHints(readmeCode, lab.manifest.id)}
        loadWalkthrough={walkthroughAction}
      />
    </LabResultTextsProvider>
  );
}
