import type { GradeProgress, ProgressListener } from '@/grader/progress';

/**
 * Writes a running submission's progress to the database at most once per `minIntervalMs` (the latest value wins;
 * one left over is written when the interval ends), one write at a time, and nothing after stop(). Used by both
 * graders (the web server's queue and `npm run worker`). A failed write is logged and dropped: progress is a
 * courtesy, the verdict is what counts.
 */
export function progressWriter(
  write: (progress: GradeProgress) => Promise<unknown>,
  options: { minIntervalMs?: number; log?: (message: string, error?: unknown) => void; nowMs?: () => number } = {},
): { listener: ProgressListener; stop(): void } {
  const minIntervalMs = options.minIntervalMs ?? 500;
  const nowMs = options.nowMs ?? (() => performance.now());
  let stopped = false;
  let writing = false;
  let lastWriteMs = -Infinity;
  let pending: GradeProgress | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = (): void => {
    timer = null;
    if (stopped || writing || pending === null) return;
    const wait = lastWriteMs + minIntervalMs - nowMs();
    if (wait > 0) {
      timer = setTimeout(flush, wait);
      timer.unref?.();
      return;
    }
    const value = pending;
    pending = null;
    writing = true;
    lastWriteMs = nowMs();
    write(value)
      .catch((error: unknown) => options.log?.('could not record grading progress', error))
      .finally(() => {
        writing = false;
        if (pending !== null && !stopped && timer === null) flush();
      });
  };

  return {
    listener(progress) {
      if (stopped) return;
      pending = progress;
      if (timer === null && !writing) flush();
    },
    stop() {
      stopped = true;
      pending = null;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
