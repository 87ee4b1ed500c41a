'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { DraftView } from '@/lib/labs/submission-view';

/**
 * The learner's working copy: written to localStorage on every change (nothing is lost on a crash or
 * a failed request) and to the server, debounced, for the session's learner (guest or signed in).
 * On load the newer of the two wins; a flush runs on Ctrl/Cmd+S and when the page is hidden.
 */

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'local' } // saved in this browser, server save pending
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'failed'; message: string };

interface LocalDraft {
  code: string;
  updatedAt: string;
  /** True once the server has this exact text. */
  synced: boolean;
}

export const SERVER_SAVE_DELAY_MS = 1200;

export function localDraftKey(labId: string): string {
  return `dsd:lab-draft:${labId}`;
}

/** This browser's copy of the lab's draft, or null (none, or unreadable). */
export function readLocal(labId: string): LocalDraft | null {
  try {
    const raw = localStorage.getItem(localDraftKey(labId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<LocalDraft>;
    return typeof parsed.code === 'string' && typeof parsed.updatedAt === 'string' ? { code: parsed.code, updatedAt: parsed.updatedAt, synced: parsed.synced === true } : null;
  } catch {
    return null;
  }
}

function writeLocal(labId: string, draft: LocalDraft): boolean {
  try {
    localStorage.setItem(localDraftKey(labId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

/** Which text to open: the newer of the browser's and the server's copies, else the starter. */
export function pickInitialDraft(local: LocalDraft | null, server: DraftView | null, starter: string): { code: string; source: 'local' | 'server' | 'starter'; needsUpload: boolean } {
  if (local && server) {
    if (local.code === server.code) return { code: local.code, source: 'local', needsUpload: false };
    return Date.parse(local.updatedAt) >= Date.parse(server.updatedAt) ? { code: local.code, source: 'local', needsUpload: true } : { code: server.code, source: 'server', needsUpload: false };
  }
  if (local) return { code: local.code, source: 'local', needsUpload: !local.synced };
  if (server) return { code: server.code, source: 'server', needsUpload: false };
  return { code: starter, source: 'starter', needsUpload: false };
}

/**
 * `serverDraft`: the learner's saved draft as the page was rendered with it (null: none saved), so the editor opens
 * without waiting for a request; undefined when the page could not tell, and it is then fetched. Only the first value
 * counts (the page re-rendering later does not reload the text under the learner's cursor).
 */
export function useDraft(labId: string, starter: string, serverDraft?: DraftView | null) {
  const t = useTranslations('workspace');
  const [embedded] = useState(serverDraft);
  const [initial, setInitial] = useState<{ code: string; source: 'local' | 'server' | 'starter' } | null>(null);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const latest = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);

  const upload = useCallback(
    async (keepalive = false): Promise<void> => {
      if (timer.current) {
        clearTimeout(timer.current);
        timer.current = null;
      }
      const code = latest.current;
      if (code === null) return;
      const local = readLocal(labId);
      if (local?.synced && local.code === code) return;
      setSaveState({ kind: 'saving' });
      try {
        const response = await fetch(`/api/labs/${encodeURIComponent(labId)}/draft`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code }),
          credentials: 'same-origin',
          keepalive: keepalive && code.length < 60_000,
        });
        const body = (await response.json().catch(() => ({}))) as { draft?: DraftView; error?: string };
        if (!response.ok || !body.draft) throw new Error(body.error ?? t('save.serverAnswered', { status: response.status }));
        if (latest.current === code) {
          writeLocal(labId, { code, updatedAt: body.draft.updatedAt, synced: true });
          setSaveState({ kind: 'saved', at: body.draft.updatedAt });
        }
      } catch (error) {
        // A network failure (TypeError from fetch) has no words for the learner: say what happened.
        const reason = error instanceof Error && !(error instanceof TypeError) ? error.message : t('save.unreachable');
        setSaveState({ kind: 'failed', message: t('save.failed', { reason }) });
      }
    },
    [labId, t],
  );

  const flush = useCallback((): Promise<void> => {
    const run = (inFlight.current ?? Promise.resolve()).then(() => upload());
    inFlight.current = run;
    return run;
  }, [upload]);

  // Load: the local copy at once; the server's from the page when it came with it, else fetched in parallel. The newer wins.
  useEffect(() => {
    let live = true;
    const local = readLocal(labId);
    const settle = (draft: DraftView | null) => {
      if (!live) return;
      const picked = pickInitialDraft(local, draft, starter);
      latest.current = picked.code;
      setInitial({ code: picked.code, source: picked.source });
      if (picked.source === 'server') writeLocal(labId, { code: picked.code, updatedAt: draft!.updatedAt, synced: true });
      if (picked.needsUpload) void flush();
      else if (picked.source !== 'starter') setSaveState({ kind: 'saved', at: picked.source === 'server' ? draft!.updatedAt : (local?.updatedAt ?? new Date().toISOString()) });
    };
    if (embedded !== undefined) {
      settle(embedded);
      return () => {
        live = false;
      };
    }
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), 4000);
    fetch(`/api/labs/${encodeURIComponent(labId)}/draft`, { credentials: 'same-origin', signal: controller.signal })
      .then((r) => (r.ok ? (r.json() as Promise<{ draft: DraftView | null }>) : { draft: null }))
      .catch(() => ({ draft: null }))
      .then(({ draft }) => {
        clearTimeout(timeout);
        settle(draft);
      });
    return () => {
      live = false;
      clearTimeout(timeout);
      controller.abort();
    };
  }, [labId, starter, flush, embedded]);

  /** Call on every edit. */
  const update = useCallback(
    (code: string) => {
      if (code === latest.current) return;
      latest.current = code;
      const ok = writeLocal(labId, { code, updatedAt: new Date().toISOString(), synced: false });
      setSaveState(ok ? { kind: 'local' } : { kind: 'failed', message: t('save.storageRefused') });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SERVER_SAVE_DELAY_MS);
    },
    [labId, flush, t],
  );

  // Leaving the page: send what is pending.
  useEffect(() => {
    const onHide = () => {
      if (timer.current) void upload(true);
    };
    window.addEventListener('pagehide', onHide);
    const onVisibility = () => document.visibilityState === 'hidden' && onHide();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [upload]);

  return { initial, saveState, update, flush };
}
