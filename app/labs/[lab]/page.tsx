import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LabWorkspace } from '@/components/workspace/lab-workspace';
import { listLabs } from '@/grader';
import { DIFFICULTY_LABEL, formatMinutes, loadLabPage } from '@/lib/labs/catalog';
import { LabInstructions } from './instructions';

type Params = { lab: string };

// Every lab page is generated at build time from the lab packages; the learner's draft and
// submissions are fetched by the workspace from the lab API routes.
export const dynamicParams = false;

export async function generateStaticParams(): Promise<Params[]> {
  return (await listLabs()).map((lab) => ({ lab: lab.id }));
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const data = await loadLabPage((await params).lab);
  return data ? { title: `Lab: ${data.lab.manifest.title}`, description: data.lab.manifest.summary } : {};
}

export default async function LabPage({ params }: { params: Promise<Params> }) {
  const data = await loadLabPage((await params).lab);
  if (!data) notFound();
  const { lab, listing, readmeCode, readmeError } = data;
  return (
    <LabWorkspace
      labId={lab.manifest.id}
      title={lab.manifest.title}
      topic={listing.topic}
      topicTitle={listing.topicTitle}
      difficultyLabel={DIFFICULTY_LABEL[listing.difficulty]}
      minutesLabel={formatMinutes(listing.minutes)}
      suiteStrength={lab.suiteStrength}
      stages={lab.manifest.stages.map((s) => ({ id: s.id, title: s.title }))}
      starter={lab.starter}
      apiTypes={lab.apiTypes}
      codeSizeKb={lab.manifest.limits.codeSizeKb}
      instructions={<LabInstructions code={readmeCode} source={lab.readme} labId={lab.manifest.id} compileError={readmeError} />}
    />
  );
}
