import type { Metadata } from 'next';
import Link from 'next/link';
import { DrillRunner } from '@/components/interview/drill-runner';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { currentViewer } from '@/lib/auth/session';
import { DRILL_DUE_BATCH, drillOverview } from '@/lib/data/interview';
import '../../quiz/quiz.css';
import '../interview.css';

export const metadata: Metadata = { title: 'Due interview questions' };
export const dynamic = 'force-dynamic';

export default async function DueDrillPage() {
  const overview = await drillOverview(await currentViewer());
  return (
    <>
      <Breadcrumbs trail={[{ href: '/interview', label: 'Interview drill' }]} current="Due" />
      <h1 className="page-title">Due interview questions</h1>
      {overview.dueNow > 0 ? (
        <>
          <p className="lead">The questions your review schedule brings back today, most overdue first (up to {DRILL_DUE_BATCH}).</p>
          <DrillRunner mode={{ kind: 'due' }} title="Due questions" available={Math.min(overview.dueNow, DRILL_DUE_BATCH)} />
        </>
      ) : (
        <section className="card quiz-intro">
          <h2>Nothing is due</h2>
          <p>
            Drill a topic or take a <Link href="/interview/mock">mock interview</Link>: every question you answer comes back here on a spaced schedule.
          </p>
        </section>
      )}
    </>
  );
}
