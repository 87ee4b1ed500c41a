'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import { HintLadderContext, LockIcon, type HintLadder } from '@/components/mdx/ladder-hint';
import type { TestResult } from '@/grader/results-schema';
import { hintBlockedBy, hintForFailure, parseRevealed, revealedHintsKey, type LadderStage } from '@/lib/labs/hint-ladder';
import { Modal } from './modal';
import './help-ladder.css';

/**
 * The workspace's help ladder (issue 19): README hints that open one rung at a time, "the hint for
 * this" under each failing test, and the walkthrough that unlocks after enough failed submissions
 * (or on a confirmed request). Revealed hints are remembered per lab in this browser; unlocks are
 * recorded on the server, which alone sends the walkthrough.
 */

/** A README hint extracted on the server (components/mdx/hints.tsx), rendered in the page's language. */
export interface LadderHintContent {
  id: string;
  title: string;
  body: ReactNode;
}

export interface WalkthroughStatus {
  available: boolean;
  failedSubmissions: number;
  threshold: number;
  unlock: { reason: 'failures' | 'requested'; unlockedAt: string } | null;
}

/** The server action that renders the walkthrough once it is unlocked (app/labs/[lab]/walkthrough-action.ts). */
export type LoadWalkthrough = (labId: string) => Promise<{ ok: true; data: ReactNode } | { ok: false; error: string }>;

type WalkthroughContent = { kind: 'idle' } | { kind: 'loading' } | { kind: 'shown'; node: ReactNode } | { kind: 'error'; message: string };

interface HelpLadderValue {
  labId: string;
  hints: Map<string, LadderHintContent>;
  stages: readonly LadderStage[];
  revealed: ReadonlySet<string>;
  reveal(id: string): void;
  /** The hint to show under a failing test, fixed for that result once chosen. */
  hintFor(test: TestResult): { id: string; allRevealed: boolean } | null;
  walkthrough: WalkthroughStatus | null;
  content: WalkthroughContent;
  loadContent(): void;
  requestUnlock(): Promise<string | null>;
  /** Shows the Walkthrough tab of the instructions pane. */
  openWalkthrough(): void;
  pane: 'readme' | 'walkthrough';
  setPane(pane: 'readme' | 'walkthrough'): void;
}

const HelpLadderContext = createContext<HelpLadderValue | null>(null);

export function useHelpLadder(): HelpLadderValue | null {
  return useContext(HelpLadderContext);
}

async function fetchStatus(labId: string): Promise<WalkthroughStatus | null> {
  try {
    const response = await fetch(`/api/labs/${encodeURIComponent(labId)}/walkthrough`, { credentials: 'same-origin' });
    return response.ok ? ((await response.json()) as { walkthrough: WalkthroughStatus }).walkthrough : null;
  } catch {
    return null;
  }
}

export interface HelpLadderProviderProps {
  labId: string;
  stages: readonly LadderStage[];
  hints: readonly LadderHintContent[];
  /** Changes when the learner's submissions change (a graded one may unlock the walkthrough). */
  refreshKey: string;
  loadWalkthrough?: LoadWalkthrough | undefined;
  children: ReactNode;
}

export function HelpLadderProvider({ labId, stages, hints: hintList, refreshKey, loadWalkthrough, children }: HelpLadderProviderProps) {
  const t = useTranslations('help');
  const hints = useMemo(() => new Map(hintList.map((h) => [h.id, h] as const)), [hintList]);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(() => new Set());
  const [walkthrough, setWalkthrough] = useState<WalkthroughStatus | null>(null);
  const [content, setContent] = useState<WalkthroughContent>({ kind: 'idle' });
  const [pane, setPane] = useState<'readme' | 'walkthrough'>('readme');
  const pins = useRef(new WeakMap<TestResult, { id: string; allRevealed: boolean } | null>());

  useEffect(() => {
    try {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- restoring what this browser stored, after hydration
      setRevealed(parseRevealed(localStorage.getItem(revealedHintsKey(labId))));
    } catch {
      /* storage disabled: hints start hidden */
    }
  }, [labId]);

  const reveal = useCallback(
    (id: string) => {
      setRevealed((current) => {
        if (current.has(id)) return current;
        const next = new Set(current).add(id);
        try {
          localStorage.setItem(revealedHintsKey(labId), JSON.stringify([...next]));
        } catch {
          /* remembered for this visit only */
        }
        return next;
      });
    },
    [labId],
  );

  useEffect(() => {
    let live = true;
    void fetchStatus(labId).then((status) => {
      if (live && status) setWalkthrough(status);
    });
    return () => {
      live = false;
    };
  }, [labId, refreshKey]);

  const unlocked = walkthrough?.unlock != null;
  const loadContent = useCallback(() => {
    if (!loadWalkthrough || !unlocked) return;
    setContent({ kind: 'loading' });
    loadWalkthrough(labId).then(
      (result) => setContent(result.ok ? { kind: 'shown', node: result.data } : { kind: 'error', message: result.error }),
      () => setContent({ kind: 'error', message: t('walkthrough.loadFailed') }),
    );
  }, [labId, loadWalkthrough, unlocked, t]);

  const requestUnlock = useCallback(async (): Promise<string | null> => {
    try {
      const response = await fetch(`/api/labs/${encodeURIComponent(labId)}/walkthrough`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ confirm: true }),
        credentials: 'same-origin',
      });
      const body = (await response.json().catch(() => ({}))) as { walkthrough?: WalkthroughStatus; error?: string };
      if (!response.ok || !body.walkthrough) return body.error ?? t('walkthrough.requestFailed', { status: response.status });
      setWalkthrough(body.walkthrough);
      return null;
    } catch {
      return t('walkthrough.offline');
    }
  }, [labId, t]);

  const hintFor = useCallback(
    (test: TestResult) => {
      const pinned = pins.current.get(test);
      if (pinned !== undefined) return pinned;
      const chosen = hintForFailure(stages, revealed, test.stage);
      const found = chosen && hints.has(chosen.id) ? chosen : null;
      pins.current.set(test, found);
      return found;
    },
    [stages, hints, revealed],
  );

  const ladder = useMemo<HintLadder>(
    () => ({
      titleOf: (id) => hints.get(id)?.title,
      isRevealed: (id) => revealed.has(id),
      blockedBy: (id) => hintBlockedBy(stages, revealed, id),
      reveal,
    }),
    [hints, revealed, stages, reveal],
  );

  const value = useMemo<HelpLadderValue>(
    () => ({
      labId,
      hints,
      stages,
      revealed,
      reveal,
      hintFor,
      walkthrough,
      content,
      loadContent,
      requestUnlock,
      openWalkthrough: () => setPane('walkthrough'),
      pane,
      setPane,
    }),
    [labId, hints, stages, revealed, reveal, hintFor, walkthrough, content, loadContent, requestUnlock, pane],
  );

  return (
    <HelpLadderContext.Provider value={value}>
      <HintLadderContext.Provider value={ladder}>{children}</HintLadderContext.Provider>
    </HelpLadderContext.Provider>
  );
}

/** Under a failing test: the first unrevealed hint of its stage, collapsed until the learner opens it. */
export function FailureHint({ test }: { test: TestResult }) {
  const t = useTranslations('help');
  const help = useHelpLadder();
  if (!help || test.status === 'pass') return null;
  const chosen = help.hintFor(test);
  if (!chosen) return null;
  const hint = help.hints.get(chosen.id);
  if (!hint) return null;
  return (
    <details
      className="failure-hint"
      data-hint-id={hint.id}
      onToggle={(event) => {
        if (event.currentTarget.open) help.reveal(hint.id);
      }}
    >
      <summary>
        <span className="failure-hint-label">{t('forThis.label')}</span> {hint.title}
      </summary>
      <div className="hint-body">{hint.body}</div>
      {chosen.allRevealed ? (
        <p className="failure-hint-more">
          {t('forThis.allRevealed')}{' '}
          <button type="button" className="link-button" onClick={help.openWalkthrough}>
            {t('forThis.toWalkthrough')}
          </button>
        </p>
      ) : null}
    </details>
  );
}

/** "2 of 3 failed submissions before the walkthrough unlocks", or that it is unlocked. */
export function WalkthroughProgressLine({ withLink = false }: { withLink?: boolean }) {
  const t = useTranslations('help');
  const help = useHelpLadder();
  const status = help?.walkthrough;
  if (!help || !status || !status.available) return null;
  return (
    <p className="walkthrough-progress" data-testid="walkthrough-progress">
      {status.unlock ? t('walkthrough.unlockedLine') : t('walkthrough.progress', { failed: Math.min(status.failedSubmissions, status.threshold), threshold: status.threshold })}
      {withLink ? (
        <>
          {' '}
          <button type="button" className="link-button" onClick={help.openWalkthrough}>
            {status.unlock ? t('walkthrough.open') : t('walkthrough.about')}
          </button>
        </>
      ) : null}
    </p>
  );
}

const PANES = ['readme', 'walkthrough'] as const;

/** The instructions pane: the README and, in a second tab, the walkthrough. */
export function InstructionsTabs({ instructions }: { instructions: ReactNode }) {
  const t = useTranslations('help');
  const help = useHelpLadder();
  const status = help?.walkthrough;
  if (!help || !status?.available) return <>{instructions}</>;
  const { pane, setPane } = help;
  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!['ArrowRight', 'ArrowLeft', 'Home', 'End'].includes(event.key)) return;
    event.preventDefault();
    const next = event.key === 'Home' ? 'readme' : event.key === 'End' ? 'walkthrough' : pane === 'readme' ? 'walkthrough' : 'readme';
    setPane(next);
    document.getElementById(`instructions-tab-${next}`)?.focus();
  };
  const label = (id: (typeof PANES)[number]) =>
    id === 'readme' ? t('tabs.readme') : status.unlock ? t('tabs.walkthrough') : t('tabs.walkthroughLocked', { failed: Math.min(status.failedSubmissions, status.threshold), threshold: status.threshold });
  return (
    <>
      <div className="instructions-tabs" role="tablist" aria-label={t('tabs.label')} onKeyDown={onKey}>
        {PANES.map((id) => (
          <button
            key={id}
            id={`instructions-tab-${id}`}
            type="button"
            role="tab"
            aria-selected={pane === id}
            aria-controls={`instructions-panel-${id}`}
            tabIndex={pane === id ? 0 : -1}
            className="instructions-tab"
            onClick={() => setPane(id)}
          >
            {id === 'walkthrough' && !status.unlock ? (
              <>
                <LockIcon />{' '}
              </>
            ) : null}
            {label(id)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="instructions-panel-readme" aria-labelledby="instructions-tab-readme" hidden={pane !== 'readme'}>
        {instructions}
      </div>
      <div role="tabpanel" id="instructions-panel-walkthrough" aria-labelledby="instructions-tab-walkthrough" hidden={pane !== 'walkthrough'}>
        {pane === 'walkthrough' ? <WalkthroughPanel /> : null}
      </div>
    </>
  );
}

function WalkthroughPanel() {
  const t = useTranslations('help');
  const format = useFormatter();
  const help = useHelpLadder()!;
  const status = help.walkthrough!;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { content, loadContent } = help;
  const unlocked = status.unlock !== null;

  useEffect(() => {
    if (unlocked && content.kind === 'idle') loadContent();
  }, [unlocked, content.kind, loadContent]);

  if (status.unlock) {
    const when = format.dateTime(new Date(status.unlock.unlockedAt), { dateStyle: 'medium', timeStyle: 'short' });
    return (
      <div className="walkthrough" data-testid="walkthrough">
        <p className="walkthrough-unlocked muted">
          {status.unlock.reason === 'requested' ? t('walkthrough.unlockedRequested', { when }) : t('walkthrough.unlockedFailures', { when, count: status.threshold })}
        </p>
        {content.kind === 'shown' ? (
          <div className="walkthrough-body">{content.node}</div>
        ) : content.kind === 'error' ? (
          <p className="results-error" role="alert">
            {content.message}{' '}
            <button type="button" className="link-button" onClick={loadContent}>
              {t('walkthrough.retry')}
            </button>
          </p>
        ) : (
          <p className="muted" role="status">
            {t('walkthrough.loading')}
          </p>
        )}
      </div>
    );
  }

  const left = Math.max(0, status.threshold - status.failedSubmissions);
  return (
    <div className="walkthrough walkthrough-locked" data-testid="walkthrough-locked">
      <h2>{t('walkthrough.lockedTitle')}</h2>
      <p>{t('walkthrough.lockedBody', { threshold: status.threshold })}</p>
      <div className="walkthrough-meter">
        <progress max={status.threshold} value={Math.min(status.failedSubmissions, status.threshold)} aria-label={t('walkthrough.meter')} />
        <span>{t('walkthrough.progress', { failed: Math.min(status.failedSubmissions, status.threshold), threshold: status.threshold })}</span>
      </div>
      <p className="muted">{t('walkthrough.leftHint', { left })}</p>
      <p>
        <button type="button" className="button secondary" onClick={() => setConfirming(true)}>
          {t('walkthrough.request')}
        </button>
      </p>
      {error ? (
        <p className="results-error" role="alert">
          {error}
        </p>
      ) : null}
      <Modal
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t('confirm.title')}
        size="small"
        actions={
          <>
            <button type="button" className="button secondary" onClick={() => setConfirming(false)} autoFocus>
              {t('confirm.cancel')}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                void help.requestUnlock().then((problem) => {
                  setBusy(false);
                  setConfirming(false);
                  setError(problem);
                });
              }}
            >
              {t('confirm.unlock')}
            </button>
          </>
        }
      >
        <p>{t('confirm.body')}</p>
      </Modal>
    </div>
  );
}
