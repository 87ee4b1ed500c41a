import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { LabResultTextsProvider } from '@/components/workspace/result-text';
import { LabWorkspace } from '@/components/workspace/lab-workspace';
import { listLabs } from '@/grader';
import type { Locale } from '@/lib/i18n/locale';
import { difficultyLabel, formatMinutes, loadLabPage } from '@/lib/labs/catalog';
import { zhResultTexts } from '@/lib/labs/zh-lab';
import { labHints, LabInstructions } from './instructions';
import { walkthroughAction } from './walkthrough-action';

type Params = { lab: string };

// Every lab page is generated at build time from the lab packages; the learner's draft and
// submissions are fetched by the workspace from the lab API routes.
export const dynamicParams = false;

export async function generateStaticParams(): Promise<Params[]> {
  return (await listLabs()).map((lab) => ({ lab: lab.id }));
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const locale = (await getLocale()) as Locale;
  const t = await getTranslations('labs');
  const data = await loadLabPage((await params).lab, locale);
  return data ? { title: t('meta.labTitle', { title: data.listing.title }), description: data.listing.summary } : {};
}

export default async function LabPage({ params }: { params: Promise<Params> }) {
  const locale = (await getLocale()) as Locale;
  const data = await loadLabPage((await params).lab, locale);
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
        apiTypes={lab.apiTypes}
        codeSizeKb={lab.manifest.limits.codeSizeKb}
        instructions={<LabInstructions code={readmeCode} source={readme} labId={lab.manifest.id} compileError={readmeError} />}
        hints={labHints(readmeCode, lab.manifest.id)}
        loadWalkthrough={walkthroughAction}
      />
    </LabResultTextsProvider>
  );
}
