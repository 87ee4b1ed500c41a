/**
 * Runs once when a server process starts (Next's instrumentation hook): submissions interrupted by
 * the last shutdown are re-queued and graded without waiting for a learner to poll them.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startGradingRecovery } = await import('./lib/labs/grading');
  startGradingRecovery();
}
