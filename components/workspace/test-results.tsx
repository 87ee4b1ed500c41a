'use client';

import type { ReactNode } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import type { TestResult } from '@/grader/results-schema';
import { localizeMessage, localizeTestName } from '@/lib/labs/result-text';
import { useLabResultTexts } from './result-text';

export interface StageInfo {
  id: string;
  title: string;
  /** The README hint ids for a learner failing this stage, gentlest first (lab.json). */
  hints?: string[];
}

const STATUS_ICON: Record<TestResult['status'] | 'pending', string> = { pass: '✓', fail: '✗', error: '!', pending: '…' };

export function formatDuration(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** "messagesDelivered" → "messages delivered". */
export function metricLabel(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
}

type Row = (TestResult & { title?: string; pending?: false }) | { name: string; stage?: string; seed?: number; status: 'pending'; pending: true };

export interface TestListProps {
  tests: TestResult[];
  /** Planned tests not reported yet (a Run in progress). */
  pending?: { name: string; stage?: string; seed?: number }[];
  stages: StageInfo[];
  onReplay?: (test: TestResult) => void;
  /** Tells the learner how to reproduce a seed (Run or Submit). */
  replayHint?: string;
  /** Shown under a failing test's message (the help ladder's "the hint for this"). */
  failureExtra?: (test: TestResult) => ReactNode;
}

export function TestList({ tests, pending = [], stages, onReplay, failureExtra }: TestListProps) {
  const t = useTranslations('labs');
  const format = useFormatter();
  const texts = useLabResultTexts();
  const formatMetric = (value: number) => (Number.isInteger(value) ? format.number(value) : format.number(value, { maximumFractionDigits: 3 }));
  const statusLabel = (status: Row['status']) =>
    status === 'pass' ? t('results.status.pass') : status === 'fail' ? t('results.status.fail') : status === 'error' ? t('results.status.error') : t('results.status.pending');
  // The API may already have put a submission's results into Chinese (title, message); Run's results are localized here.
  const titleOf = (row: Row) => (!row.pending && row.title) || localizeTestName(row.name, texts);
  const rows: Row[] = [...tests, ...pending.filter((p) => !tests.some((t) => t.name === p.name)).map((p) => ({ ...p, status: 'pending' as const, pending: true as const }))];
  const groups: { stage: StageInfo | null; rows: Row[] }[] = [];
  for (const stage of stages) {
    const inStage = rows.filter((r) => r.stage === stage.id);
    if (inStage.length > 0) groups.push({ stage, rows: inStage });
  }
  const loose = rows.filter((r) => !r.stage || !stages.some((s) => s.id === r.stage));
  if (loose.length > 0) groups.push({ stage: null, rows: loose });

  return (
    <div className="test-groups">
      {groups.map((group, gi) => {
        const passed = group.rows.filter((r) => r.status === 'pass').length;
        return (
          <section key={group.stage?.id ?? `loose-${gi}`} className="test-group" aria-label={group.stage ? t('results.stage', { title: group.stage.title }) : t('results.tests')}>
            {group.stage ? (
              <h4 className="test-group-title">
                <span>{group.stage.title}</span>
                <span className="muted">
                  {passed}/{group.rows.length}
                </span>
              </h4>
            ) : null}
            <ul className="test-list">
              {group.rows.map((row) => (
                <li key={row.name} className={`test-item status-${row.status}`} data-status={row.status}>
                  <div className="test-head">
                    <span className="test-icon" aria-hidden="true">
                      {STATUS_ICON[row.status]}
                    </span>
                    <span className="test-name">{titleOf(row)}</span>
                    <span className="visually-hidden">, {statusLabel(row.status)}</span>
                    {row.seed !== undefined ? <span className="badge test-seed">{t('results.seed', { seed: row.seed })}</span> : null}
                    {!row.pending ? <span className="test-duration muted">{formatDuration(row.durationMs)}</span> : null}
                  </div>
                  {!row.pending && row.message ? <pre className="test-message">{localizeMessage(row.message, texts)}</pre> : null}
                  {!row.pending && row.status !== 'pass' && failureExtra ? failureExtra(row) : null}
                  {!row.pending && row.metrics && Object.keys(row.metrics).length > 0 ? (
                    <dl className="test-metrics" aria-label={t('results.metrics')}>
                      {Object.entries(row.metrics).map(([name, value]) => (
                        <div key={name}>
                          <dt>{metricLabel(name)}</dt>
                          <dd>{formatMetric(value)}</dd>
                        </div>
                      ))}
                    </dl>
                  ) : null}
                  {!row.pending && (row.output || (row.trace && onReplay)) ? (
                    <div className="test-extras">
                      {row.trace && onReplay ? (
                        <button type="button" className="button secondary small" onClick={() => onReplay(row)}>
                          {row.seed !== undefined ? t('results.replaySeed', { seed: row.seed }) : t('results.replay')}
                        </button>
                      ) : null}
                      {row.output ? (
                        <details className="test-output">
                          <summary>{t('results.output')}</summary>
                          <pre>{row.output}</pre>
                        </details>
                      ) : null}
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
