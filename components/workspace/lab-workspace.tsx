'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useFormatter, useLocale, useNow, useTranslations } from 'next-intl';
import type { CodeEditorHandle } from '@/components/editor/code-editor';
import { loadMonaco } from '@/components/editor/monaco-setup';
import type { SuiteStrength } from '@/grader/lab-loader';
import type { TestResult } from '@/grader/results-schema';
import { isFinished, longPollQuery, sameProgress, type DraftView, type SubmissionSummaryView, type SubmissionView } from '@/lib/labs/submission-view';
import { LabReviewCards } from '@/components/mistakes/lab-review-cards';
import { Modal } from './modal';
import type { RunProgress, RunResult } from './run-in-worker';
import { SplitPane } from './split-pane';
import { FailureHint, HelpLadderProvider, InstructionsTabs, WalkthroughProgressLine, type LadderHintContent, type LoadWalkthrough } from './help-ladder';
import { formatDuration, TestList, type StageInfo } from './test-results';
import { TraceView } from './trace-view';
import { useDraft, type SaveState } from './use-draft';
import './workspace.css';

/** 0.9731 → "97%"; a score just under 1 is not rounded up to "100%". */
function formatPercent(fraction: number): string {
  const percent = Math.floor(fraction * 1000) / 10;
  return `${Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

function EditorLoading() {
  const t = useTranslations('workspace');
  return (
    <div className="editor-loading" role="status">
      {t('editorLoading')}
    </div>
  );
}
const loadEditor = () => import('@/components/editor/code-editor');
// Monaco is the slowest thing on a lab page: start fetching and evaluating it as soon as this module runs in the
// browser, in the page's language (<html lang>), instead of after the page has hydrated. Monaco itself and the editor
// component are requested side by side (monaco-setup is small and imports Monaco only on demand), not one after the
// other. loadMonaco keeps one promise per page, so the editor and the effect below only join it.
if (typeof window !== 'undefined') {
  void loadMonaco(document.documentElement.lang).catch(() => undefined);
  void loadEditor().catch(() => undefined);
}
const CodeEditor = dynamic(loadEditor, { ssr: false, loading: EditorLoading });
const CodeDiff = dynamic(() => loadEditor().then((m) => m.CodeDiff), { ssr: false, loading: EditorLoading });
const loadRunner = () => import('./run-in-worker');

export interface LabWorkspaceProps {
  labId: string;
  title: string;
  topic: string;
  topicTitle: string;
  difficultyLabel: string;
  minutesLabel: string;
  /** The hidden suite's mutation score, from `npm run mutation` (null if never measured). */
  suiteStrength?: SuiteStrength | null;
  stages: StageInfo[];
  starter: string;
  /**
   * The learner's saved draft when the page was rendered (null: none), so the editor opens without a request first;
   * left out when the server could not read it, and the workspace then fetches it.
   */
  savedDraft?: DraftView | null;
  apiTypes: string;
  codeSizeKb: number;
  /** The README, rendered on the server with the lessons' MDX pipeline. */
  instructions: ReactNode;
  /** The README's hints by id (the help ladder's rungs), rendered on the server. */
  hints?: LadderHintContent[];
  /** Renders the walkthrough once unlocked (a server action). */
  loadWalkthrough?: LoadWalkthrough;
}

type RunState = { kind: 'idle' } | { kind: 'running'; progress: RunProgress } | { kind: 'done'; result: RunResult };
type Tab = 'run' | 'submission' | 'history';

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The learner's own time zone for times shown after load (save time, history): the app formats in
 * UTC for server-rendered text, but these only ever render in the browser.
 */
function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

type Format = ReturnType<typeof useFormatter>;

function useSaveLabel(): (state: SaveState) => string {
  const t = useTranslations('workspace');
  const format = useFormatter();
  return (state) => {
    switch (state.kind) {
      case 'local':
        return t('save.local');
      case 'saving':
        return t('save.saving');
      case 'saved':
        return t('save.saved', { time: format.dateTime(new Date(state.at), { hour: '2-digit', minute: '2-digit', timeZone: browserTimeZone() }) });
      case 'failed':
        return state.message;
      default:
        return t('save.starter');
    }
  };
}

function useStatusText(): (status: SubmissionView['status']) => string {
  const t = useTranslations('workspace');
  return (status) => {
    switch (status) {
      case 'queued':
        return t('status.queued');
      case 'running':
        return t('status.running');
      case 'passed':
        return t('status.passed');
      case 'failed':
        return t('status.failed');
      default:
        return t('status.error');
    }
  };
}

/** "just now", "5 minutes ago", "3 hours ago" (the locale's words), else the date. */
function relativeTime(format: Format, justNow: string, iso: string, now: number): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (seconds < 45) return justNow;
  if (seconds < 86400) return format.relativeTime(new Date(iso), { now: new Date(now), unit: seconds < 3600 ? 'minute' : 'hour' });
  return format.dateTime(new Date(iso), { dateStyle: 'medium', timeZone: browserTimeZone() });
}

async function fetchHistory(labId: string): Promise<SubmissionSummaryView[] | null> {
  try {
    const response = await fetch(`/api/labs/${encodeURIComponent(labId)}/submissions`, { credentials: 'same-origin' });
    return response.ok ? ((await response.json()) as { submissions: SubmissionSummaryView[] }).submissions : null;
  } catch {
    return null;
  }
}

function codeBytes(code: string): number {
  return new TextEncoder().encode(code).length;
}

export function LabWorkspace(props: LabWorkspaceProps) {
  const { labId, title, stages, starter, apiTypes, codeSizeKb } = props;
  const t = useTranslations('workspace');
  const format = useFormatter();
  const locale = useLocale();
  const saveLabel = useSaveLabel();
  const statusText = useStatusText();
  const draft = useDraft(labId, starter, props.savedDraft);
  const editor = useRef<CodeEditorHandle | null>(null);
  const codeRef = useRef<string>('');
  const [editorReady, setEditorReady] = useState(false);
  const [tab, setTab] = useState<Tab>('run');
  const [run, setRun] = useState<RunState>({ kind: 'idle' });
  const [submission, setSubmission] = useState<SubmissionView | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [history, setHistory] = useState<SubmissionSummaryView[] | null>(null);
  const [replay, setReplay] = useState<TestResult | null>(null);
  const [diffWith, setDiffWith] = useState<{ submission: SubmissionView; draft: string } | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const [announce, setAnnounce] = useState('');
  const runAbort = useRef<AbortController | null>(null);
  const solved = history?.some((s) => s.status === 'passed') ?? false;
  const mod = isMac() ? '⌘' : 'Ctrl';

  useEffect(() => {
    if (draft.initial) codeRef.current = draft.initial.code;
  }, [draft.initial]);

  const refreshHistory = useCallback(async () => {
    const list = await fetchHistory(labId);
    if (list) setHistory(list);
  }, [labId]);

  // Warm up: Monaco (already on its way since this module ran) and the submissions list; the editor mounts once the
  // draft is picked, and a load error shows in the editor pane.
  useEffect(() => {
    let live = true;
    void loadMonaco(locale).catch(() => undefined);
    void fetchHistory(labId).then((list) => {
      if (live && list) setHistory(list);
    });
    return () => {
      live = false;
      runAbort.current?.abort();
    };
  }, [labId, locale]);

  // The runner chunk and the visible suite once the editor is up, so they don't compete with it.
  useEffect(() => {
    if (!editorReady) return;
    const warm = () => void loadRunner().then((m) => m.preloadSuite(labId).catch(() => undefined));
    const id = setTimeout(warm, 100);
    return () => clearTimeout(id);
  }, [labId, editorReady]);

  const onChange = useCallback(
    (code: string) => {
      codeRef.current = code;
      draft.update(code);
    },
    [draft],
  );

  const runTests = useCallback(async () => {
    runAbort.current?.abort();
    const controller = new AbortController();
    runAbort.current = controller;
    setTab('run');
    editor.current?.setDiagnostic(null);
    setRun({ kind: 'running', progress: { planned: [], done: [] } });
    setAnnounce(t('announce.running'));
    try {
      const { runVisibleTests } = await loadRunner();
      const result = await runVisibleTests(labId, codeRef.current, {
        signal: controller.signal,
        texts: {
          compileError: (where, message) => t('run.compileError', { where, message }),
          cancelled: () => t('run.cancelled'),
          timeLimit: (limit) => t('run.timeLimit', { limit }),
          workerFailed: () => t('run.workerFailed'),
          stoppedTimeout: (detail) => t('run.stoppedTimeout', { detail }),
          stoppedCrash: (detail) => t('run.stoppedCrash', { detail }),
        },
        onProgress: (progress) => setRun({ kind: 'running', progress: { planned: progress.planned, done: progress.done } }),
      });
      if (controller.signal.aborted) return;
      if (result.diagnostic) editor.current?.setDiagnostic(result.diagnostic);
      setRun({ kind: 'done', result });
      const passed = result.tests.filter((test) => test.status === 'pass').length;
      setAnnounce(result.errorKind === 'compile' ? t('announce.compileError') : t('announce.runDone', { passed, total: result.tests.length }));
    } catch (error) {
      if (controller.signal.aborted) return;
      const status = error instanceof Error && error.name === 'SuiteUnavailableError' ? (error as Error & { status?: number }).status : undefined;
      const reason = status !== undefined ? t('errors.suiteUnavailable', { status }) : error instanceof Error ? error.message : String(error);
      setRun({
        kind: 'done',
        result: { status: 'error', message: t('errors.runFailed', { reason }), tests: [], timings: { fetchMs: 0, transpileMs: 0, runMs: 0, totalMs: 0 } },
      });
    }
  }, [labId, t]);

  // While the shown submission is queued or running, long-poll it: each request names what the browser has seen and
  // the server answers when that changes (or after 20 s), so a verdict shows as soon as it is recorded and a long
  // queue costs one request per change. An unchanged answer (the wait ran out, or the server had no room to wait)
  // is followed by a pause, and errors back off, so a browser never spins.
  const pollingId = submission && !isFinished(submission.status) ? submission.id : null;
  useEffect(() => {
    if (!pollingId) return;
    let live = true;
    let failures = 0;
    let known: SubmissionView | null = null;
    let timer: ReturnType<typeof setTimeout>;
    const controller = new AbortController();
    const tick = async () => {
      const sentAt = Date.now();
      let delayMs = 0;
      try {
        const response = await fetch(`/api/submissions/${pollingId}${longPollQuery(known)}`, { credentials: 'same-origin', signal: controller.signal });
        if (response.status === 404) {
          if (!live) return;
          setSubmission(null);
          setSubmitError(t('errors.submissionGone'));
          return;
        }
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const { submission: next } = (await response.json()) as { submission: SubmissionView };
        if (!live) return;
        failures = 0;
        if (isFinished(next.status)) {
          // The history first: it decides "Solved", and this effect ends once the submission is finished.
          const list = await fetchHistory(labId);
          if (!live) return;
          if (list) setHistory(list);
          setSubmission((current) => (current && current.id !== pollingId ? current : next));
          setAnnounce(t('announce.submissionDone', { status: statusText(next.status).toLowerCase(), passed: next.passedTests, total: next.totalTests }));
          return;
        }
        if (sameProgress(known, next)) delayMs = Math.max(0, 1000 - (Date.now() - sentAt));
        known = next;
        setSubmission((current) => (current && current.id !== pollingId ? current : next));
      } catch {
        if (!live) return;
        failures++;
        delayMs = failures < 5 ? 1000 : 3000; // transient: keep polling, more slowly
      }
      if (!live) return;
      timer = setTimeout(tick, delayMs);
    };
    timer = setTimeout(tick, 0);
    return () => {
      live = false;
      clearTimeout(timer);
      controller.abort();
    };
    // statusText and t change only with the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pollingId, labId]);

  const submit = useCallback(async () => {
    const code = codeRef.current;
    setTab('submission');
    setSubmitError(null);
    const bytes = codeBytes(code);
    if (bytes > codeSizeKb * 1024) {
      setSubmitError(t('errors.tooLarge', { size: format.number(bytes / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 }), limit: codeSizeKb }));
      return;
    }
    setSubmitting(true);
    // Save first, and wait: a first-time visitor's first write creates their guest session, and two
    // writes racing without a cookie would create two guests (the submission would then be someone else's).
    await draft.flush();
    try {
      const response = await fetch(`/api/labs/${encodeURIComponent(labId)}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
        credentials: 'same-origin',
      });
      const body = (await response.json().catch(() => ({}))) as { submission?: SubmissionView; error?: string };
      if (!response.ok || !body.submission) {
        setSubmitError(body.error ?? t('errors.serverStatus', { status: response.status }));
        return;
      }
      setSubmission(body.submission);
      setAnnounce(t('announce.submitted'));
      void refreshHistory();
    } catch {
      setSubmitError(t('errors.offline'));
    } finally {
      setSubmitting(false);
    }
  }, [codeSizeKb, draft, labId, refreshHistory, t, format]);

  const save = useCallback(() => {
    void draft.flush();
  }, [draft]);

  const openSubmission = useCallback(
    async (id: string, thenDiff: boolean) => {
      try {
        const response = await fetch(`/api/submissions/${id}`, { credentials: 'same-origin' });
        if (!response.ok) return;
        const { submission: loaded } = (await response.json()) as { submission: SubmissionView };
        if (thenDiff) setDiffWith({ submission: loaded, draft: codeRef.current });
        else {
          setSubmission(loaded);
          setTab('submission');
        }
      } catch {
        /* offline */
      }
    },
    [],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!(event.ctrlKey || event.metaKey)) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      if (event.shiftKey) void submit();
      else void runTests();
    } else if (event.key === 's' || event.key === 'S') {
      event.preventDefault();
      save();
    }
  };

  const running = run.kind === 'running';
  const grading = submission !== null && !isFinished(submission.status);

  return (
    <HelpLadderProvider labId={labId} stages={stages} hints={props.hints ?? []} refreshKey={`${history?.[0]?.id ?? ''}:${history?.[0]?.status ?? ''}`} loadWalkthrough={props.loadWalkthrough}>
    <div className="lab-workspace" onKeyDown={onKeyDown} data-editor-ready={editorReady ? 'true' : undefined}>
      <header className="lab-bar">
        <div className="lab-title">
          <nav className="breadcrumbs" aria-label={t('bar.breadcrumb')}>
            <ol>
              <li>
                <Link href="/labs">{t('bar.labs')}</Link>
              </li>
              <li>
                <Link href={`/learn/${props.topic}`}>{props.topicTitle}</Link>
              </li>
            </ol>
          </nav>
          <h1>{title}</h1>
          <span className="badge">{props.difficultyLabel}</span>
          <span className="badge">≈ {props.minutesLabel}</span>
          {props.suiteStrength ? (
            <span
              className="badge"
              data-testid="suite-strength"
              title={
                props.suiteStrength.equivalent
                  ? t('bar.strengthTitleEquivalent', { detected: props.suiteStrength.detected, total: props.suiteStrength.mutants - props.suiteStrength.equivalent, equivalent: props.suiteStrength.equivalent })
                  : t('bar.strengthTitle', { detected: props.suiteStrength.detected, total: props.suiteStrength.mutants - props.suiteStrength.equivalent })
              }
            >
              {t('bar.strength', { percent: formatPercent(props.suiteStrength.score) })}
            </span>
          ) : null}
          {solved ? (
            <span className="badge badge-ok" data-testid="lab-solved">
              {t('bar.solved')}
            </span>
          ) : null}
        </div>
        <div className="lab-actions">
          <span className={`save-state save-${draft.saveState.kind}`} role="status" aria-live="polite">
            {saveLabel(draft.saveState)}
          </span>
          <button type="button" className="button secondary" onClick={() => setConfirmReset(true)} disabled={!editorReady}>
            {t('bar.reset')}
          </button>
          <button type="button" className="button secondary" onClick={() => void runTests()} disabled={!editorReady} aria-keyshortcuts="Control+Enter Meta+Enter" title={t('bar.runTitle', { mod })}>
            {running ? t('bar.running') : t('bar.run')} <kbd>{mod}+↵</kbd>
          </button>
          <button type="button" className="button" onClick={() => void submit()} disabled={!editorReady || submitting} aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter" title={t('bar.submitTitle', { mod })}>
            {submitting ? t('bar.submitting') : t('bar.submit')} <kbd>{mod}+⇧+↵</kbd>
          </button>
        </div>
      </header>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </div>
      <SplitPane
        direction="row"
        initialPercent={40}
        minPercent={20}
        maxPercent={70}
        storageKey="dsd:lab-split:instructions"
        label={t('panes.resizeInstructions')}
        firstId="lab-instructions"
        first={
          <section className="lab-instructions prose" aria-label={t('panes.instructions')} tabIndex={0}>
            <InstructionsTabs instructions={props.instructions} />
          </section>
        }
        second={
          <SplitPane
            direction="column"
            initialPercent={62}
            minPercent={20}
            maxPercent={88}
            storageKey="dsd:lab-split:results"
            label={t('panes.resizeResults')}
            firstId="lab-editor"
            first={
              <section className="lab-editor" aria-label={t('panes.editor')}>
                <div className="pane-head">
                  <span className="file-name">solution.ts</span>
                  <span className="muted pane-hint">
                    {t('panes.hint', { mod })}
                  </span>
                </div>
                <div className="editor-host">
                  {draft.initial ? (
                    <CodeEditor
                      initialValue={draft.initial.code}
                      apiTypes={apiTypes}
                      ariaLabel={t('panes.editorAria', { title, mod })}
                      onChange={onChange}
                      onRun={() => void runTests()}
                      onSubmit={() => void submit()}
                      onSave={save}
                      onReady={(handle) => {
                        editor.current = handle;
                        codeRef.current = handle.getValue();
                        setEditorReady(true);
                        performance.mark('lab-editor-ready');
                      }}
                    />
                  ) : (
                    <EditorLoading />
                  )}
                </div>
              </section>
            }
            second={
              <ResultsPanel
                tab={tab}
                onTab={setTab}
                run={run}
                submission={submission}
                submitError={submitError}
                grading={grading}
                history={history}
                stages={stages}
                onReplay={setReplay}
                onOpen={(id) => void openSubmission(id, false)}
                onDiff={(id) => void openSubmission(id, true)}
              />
            }
          />
        }
      />

      <Modal
        open={confirmReset}
        onClose={() => setConfirmReset(false)}
        title={t('reset.title')}
        size="small"
        actions={
          <>
            <button type="button" className="button secondary" onClick={() => setConfirmReset(false)} autoFocus>
              {t('reset.keep')}
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => {
                editor.current?.replaceAll(starter);
                setConfirmReset(false);
                // After the dialog has closed and handed focus back to its opener.
                setTimeout(() => editor.current?.focus(), 50);
                setAnnounce(t('announce.resetDone'));
              }}
            >
              {t('reset.confirm')}
            </button>
          </>
        }
      >
        <p>{t('reset.body', { mod })}</p>
      </Modal>

      <Modal open={replay !== null} onClose={() => setReplay(null)} title={replay ? t('replay.title', { name: replay.name }) : t('replay.fallback')}>
        {replay?.trace ? (
          <div className="replay">
            {replay.message ? <p className="replay-message">{replay.message}</p> : null}
            <TraceView text={replay.trace} testName={replay.name} {...(replay.seed === undefined ? {} : { seed: replay.seed })} {...(replay.message ? { message: replay.message } : {})} />
          </div>
        ) : null}
      </Modal>

      <Modal
        open={diffWith !== null}
        onClose={() => setDiffWith(null)}
        title={diffWith ? t('diff.title', { date: format.dateTime(new Date(diffWith.submission.createdAt), { dateStyle: 'medium', timeStyle: 'short', timeZone: browserTimeZone() }) }) : t('diff.fallback')}
        actions={
          diffWith ? (
            <>
              <button type="button" className="button secondary" onClick={() => setDiffWith(null)}>
                {t('diff.close')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => {
                  editor.current?.replaceAll(diffWith.submission.code);
                  setDiffWith(null);
                  setTimeout(() => editor.current?.focus(), 50);
                  setAnnounce(t('announce.restored'));
                }}
              >
                {t('diff.restore')}
              </button>
            </>
          ) : null
        }
      >
        {diffWith ? (
          <div className="diff-host">
            <CodeDiff original={diffWith.submission.code} modified={diffWith.draft} originalLabel={t('diff.original', { status: statusText(diffWith.submission.status).toLowerCase() })} modifiedLabel={t('diff.draft')} />
          </div>
        ) : null}
      </Modal>
    </div>
    </HelpLadderProvider>
  );
}

/** The help ladder's hint under each failing test (Run and Submit). */
const failureHint = (test: TestResult) => <FailureHint test={test} />;

interface ResultsPanelProps {
  tab: Tab;
  onTab(tab: Tab): void;
  run: RunState;
  submission: SubmissionView | null;
  submitError: string | null;
  grading: boolean;
  history: SubmissionSummaryView[] | null;
  stages: StageInfo[];
  onReplay(test: TestResult): void;
  onOpen(id: string): void;
  onDiff(id: string): void;
}

const TABS: Tab[] = ['run', 'submission', 'history'];

function ResultsPanel(props: ResultsPanelProps) {
  const { tab, onTab } = props;
  const t = useTranslations('workspace');
  const tabLabel = (id: Tab) => (id === 'run' ? t('tabs.run') : id === 'submission' ? t('tabs.submission') : t('tabs.history'));
  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.indexOf(tab);
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % TABS.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    if (next < 0) return;
    event.preventDefault();
    onTab(TABS[next]!);
    document.getElementById(`results-tab-${TABS[next]!}`)?.focus();
  };
  return (
    <section className="lab-results" aria-label={t('tabs.label')}>
      <div className="results-tabs" role="tablist" aria-label={t('tabs.label')} onKeyDown={onTabKey}>
        {TABS.map((id) => (
          <button
            key={id}
            id={`results-tab-${id}`}
            type="button"
            role="tab"
            aria-selected={tab === id}
            aria-controls={`results-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className="results-tab"
            onClick={() => onTab(id)}
          >
            {tabLabel(id)}
            {id === 'submission' && props.grading ? <span className="tab-dot" role="img" aria-label={t('tabs.grading')} /> : null}
          </button>
        ))}
      </div>
      <div className="results-body" role="tabpanel" id={`results-panel-${tab}`} aria-labelledby={`results-tab-${tab}`} tabIndex={0}>
        {tab === 'run' ? <RunResults run={props.run} stages={props.stages} /> : null}
        {tab === 'submission' ? <SubmissionResults submission={props.submission} error={props.submitError} stages={props.stages} onReplay={props.onReplay} onDiff={props.onDiff} /> : null}
        {tab === 'submission' && props.submission?.status === 'failed' ? <LabReviewCards key={props.submission.id} submissionId={props.submission.id} /> : null}
        {tab === 'history' ? (
          <>
            <HistoryList history={props.history} onOpen={props.onOpen} onDiff={props.onDiff} />
            <LoadTrace onLoad={props.onReplay} />
          </>
        ) : null}
      </div>
    </section>
  );
}

/**
 * Opens a trace file written by `npm run lab -- test --only "<name>" --trace out.json` (or saved from a replay) in the
 * same replay viewer a failed submission opens. The file is read in the browser; nothing is uploaded.
 */
function LoadTrace({ onLoad }: { onLoad(test: TestResult): void }) {
  const t = useTranslations('workspace');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <p className="load-trace">
      <label className="button secondary small">
        {t('trace.load')}
        <input
          type="file"
          accept=".json,application/json"
          className="sr-only"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (!file) return;
            if (file.size > 50 * 1024 * 1024) {
              setProblem(t('trace.tooLarge', { name: file.name }));
              return;
            }
            file.text().then(
              (text) => {
                setProblem(null);
                let name = file.name;
                let seed: number | undefined;
                try {
                  const meta = JSON.parse(text) as { test?: unknown; seed?: unknown };
                  if (typeof meta.test === 'string') name = meta.test;
                  if (typeof meta.seed === 'number') seed = meta.seed;
                } catch {
                  setProblem(t('trace.notJson', { name: file.name }));
                  return;
                }
                onLoad({ name, status: 'fail', durationMs: 0, trace: text, ...(seed === undefined ? {} : { seed }) });
              },
              () => setProblem(t('trace.unreadable', { name: file.name })),
            );
          }}
        />
      </label>{' '}
      <span className="muted small">{problem ?? t.rich('trace.loadHelp', { cmd: (c) => <code>{c}</code> })}</span>
    </p>
  );
}

function Summary({ status, children }: { status: 'pass' | 'fail' | 'error' | 'pending'; children: ReactNode }) {
  return (
    <p className={`results-summary summary-${status}`} data-status={status}>
      {children}
    </p>
  );
}

function RunResults({ run, stages }: { run: RunState; stages: StageInfo[] }) {
  const t = useTranslations('workspace');
  if (run.kind === 'idle') {
    return <p className="muted empty">{t('results.runEmpty')}</p>;
  }
  if (run.kind === 'running') {
    return (
      <>
        <Summary status="pending">{t('results.running')}</Summary>
        <TestList tests={run.progress.done} pending={run.progress.planned} stages={stages} />
      </>
    );
  }
  const { result } = run;
  const passed = result.tests.filter((test) => test.status === 'pass').length;
  const total = result.tests.length;
  const duration = formatDuration(result.timings.runMs + result.timings.transpileMs);
  return (
    <>
      <Summary status={result.status}>
        {result.status === 'pass' ? t('results.allPassed', { total }) : result.errorKind === 'compile' ? t('results.compileError') : total > 0 ? t('results.somePassed', { passed, total }) : t('results.couldNotRun')}{' '}
        <span className="muted">{result.status === 'pass' ? t('results.runMetaPass', { duration }) : t('results.runMeta', { duration })}</span>
      </Summary>
      {result.message && result.status === 'error' ? <pre className="results-error">{result.message}</pre> : null}
      <TestList tests={result.tests} stages={stages} failureExtra={failureHint} />
    </>
  );
}

function SubmissionResults({ submission, error, stages, onReplay, onDiff }: { submission: SubmissionView | null; error: string | null; stages: StageInfo[]; onReplay(t: TestResult): void; onDiff(id: string): void }) {
  const t = useTranslations('workspace');
  const format = useFormatter();
  if (error) {
    return (
      <p className="results-error" role="alert">
        {error}
      </p>
    );
  }
  if (!submission) return <p className="muted empty">{t('results.submitEmpty')}</p>;
  if (!isFinished(submission.status)) {
    const progress = submission.status === 'running' ? submission.progress : undefined;
    return (
      <>
        <Summary status="pending">
          <span className="spinner" aria-hidden="true" />
          {submission.status === 'queued'
            ? submission.queuePosition
              ? t('results.queuedAhead', { ahead: submission.queuePosition })
              : t('results.queued')
            : progress
              ? t('results.gradingProgress', { done: progress.done, total: progress.total })
              : t('results.grading')}
        </Summary>
        {progress ? (
          <div className="submit-progress">
            <progress max={Math.max(1, progress.total)} value={progress.done} aria-label={t('results.gradingProgressLabel')} />
            {progress.current ? <p className="muted small current-test">{t('results.runningTest', { name: progress.currentTitle ?? progress.current })}</p> : null}
          </div>
        ) : null}
      </>
    );
  }
  const results = submission.results;
  const total = results?.tests.length ?? 0;
  const passed = results?.tests.filter((test) => test.status === 'pass').length ?? 0;
  const status = submission.status === 'passed' ? 'pass' : submission.status === 'failed' ? 'fail' : 'error';
  return (
    <>
      <Summary status={status}>
        {submission.status === 'passed' ? t('results.passed', { total }) : submission.status === 'failed' ? t('results.failed', { passed, total }) : t('results.gradeError')}{' '}
        <span className="muted">
          {results ? t('results.gradedIn', { duration: formatDuration(results.timings.totalMs) }) : ''}
          {format.dateTime(new Date(submission.createdAt), { timeStyle: 'medium', timeZone: browserTimeZone() })}
        </span>{' '}
        <button type="button" className="link-button" onClick={() => onDiff(submission.id)}>
          {t('results.compare')}
        </button>
      </Summary>
      {results?.message && submission.status === 'error' ? <pre className="results-error">{results.message}</pre> : null}
      {submission.status === 'failed' ? <WalkthroughProgressLine withLink /> : null}
      {results ? <TestList tests={results.tests} stages={stages} onReplay={onReplay} failureExtra={failureHint} /> : null}
    </>
  );
}

function HistoryList({ history, onOpen, onDiff }: { history: SubmissionSummaryView[] | null; onOpen(id: string): void; onDiff(id: string): void }) {
  const t = useTranslations('workspace');
  const format = useFormatter();
  const statusText = useStatusText();
  const now = useNow({ updateInterval: 30_000 }).getTime();
  if (history === null) return <p className="muted empty">{t('history.loading')}</p>;
  if (history.length === 0) return <p className="muted empty">{t('history.empty')}</p>;
  return (
    <ul className="history-list">
      {history.map((s) => (
        <li key={s.id} className={`history-item status-${s.status}`}>
          <span className={`history-status`}>{statusText(s.status)}</span>
          <span>
            {s.totalTests > 0 ? t('history.tests', { passed: s.passedTests, total: s.totalTests }) : '—'} · <time dateTime={s.createdAt}>{relativeTime(format, t('history.justNow'), s.createdAt, now)}</time>
          </span>
          <span className="history-actions">
            <button type="button" className="link-button" onClick={() => onOpen(s.id)}>
              {t('history.results')}
            </button>
            <button type="button" className="link-button" onClick={() => onDiff(s.id)}>
              {t('history.diff')}
            </button>
          </span>
        </li>
      ))}
    </ul>
  );
}
