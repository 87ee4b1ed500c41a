import { drillGrade } from '@/lib/interview/grade';
import type { CardReveal, DrillReport, PublicCard, RecordedAnswer, StartedDrill } from '@/lib/data/interview';
import type { SelfGrade } from '@/lib/quiz/grade';

/**
 * The state machine of an interview drill, free of React and the DOM so it is unit-tested:
 * intro → answering (the timer runs) → revealed (outline shown, the learner ticks points) →
 * recorded (rated, scheduled) → answering the next card … → report.
 * Time enters only as `nowMs` arguments.
 */
export type DrillPhase = 'intro' | 'answering' | 'revealing' | 'revealed' | 'recording' | 'recorded' | 'finishing' | 'report';

export type DrillState = {
  phase: DrillPhase;
  drill: StartedDrill | null;
  index: number;
  /** When the current card was shown (ms). */
  shownAtMs: number;
  /** Seconds spent answering, frozen when the outline is asked for. */
  seconds: number;
  notes: string;
  ticked: number[];
  reveal: CardReveal | null;
  recorded: RecordedAnswer | null;
  results: RecordedAnswer[];
  report: DrillReport | null;
  error: string | null;
};

export type DrillAction =
  | { type: 'started'; drill: StartedDrill; nowMs: number }
  | { type: 'reveal-requested'; nowMs: number }
  | { type: 'revealed'; reveal: CardReveal }
  | { type: 'toggle'; point: number }
  | { type: 'tick-all' }
  | { type: 'notes'; text: string }
  | { type: 'record-requested' }
  | { type: 'recorded'; result: RecordedAnswer }
  | { type: 'next'; nowMs: number }
  | { type: 'finish-requested' }
  | { type: 'finished'; report: DrillReport }
  | { type: 'failed'; error: string }
  | { type: 'restart' };

/** The error a drill without cards shows (the server never starts one); the runner puts it in the learner's language. */
export const NO_CARDS_ERROR = 'This drill has no cards.';

export const initialDrillState: DrillState = {
  phase: 'intro',
  drill: null,
  index: 0,
  shownAtMs: 0,
  seconds: 0,
  notes: '',
  ticked: [],
  reveal: null,
  recorded: null,
  results: [],
  report: null,
  error: null,
};

const fresh = (nowMs: number) => ({ shownAtMs: nowMs, seconds: 0, notes: '', ticked: [], reveal: null, recorded: null, error: null });

/** Whole seconds since the card was shown (never negative). */
export function elapsedSeconds(state: DrillState, nowMs: number): number {
  if (state.phase !== 'answering') return state.seconds;
  return Math.max(0, Math.floor((nowMs - state.shownAtMs) / 1000));
}

export function currentCard(state: DrillState): PublicCard | null {
  return state.drill?.cards[state.index] ?? null;
}

export function isLastCard(state: DrillState): boolean {
  return state.drill !== null && state.index >= state.drill.cards.length - 1;
}

/** The rating the ticked points would earn now, before it is recorded. */
export function previewGrade(state: DrillState): SelfGrade | null {
  const card = currentCard(state);
  if (!card || !state.reveal) return null;
  return drillGrade(state.ticked.length, card.points, state.seconds, card.seconds);
}

export function drillReducer(state: DrillState, action: DrillAction): DrillState {
  switch (action.type) {
    case 'started':
      if (action.drill.cards.length === 0) return { ...state, error: NO_CARDS_ERROR };
      return { ...initialDrillState, phase: 'answering', drill: action.drill, index: 0, ...fresh(action.nowMs) };
    case 'reveal-requested':
      if (state.phase !== 'answering') return state;
      return { ...state, phase: 'revealing', seconds: elapsedSeconds(state, action.nowMs), error: null };
    case 'revealed':
      if (state.phase !== 'revealing') return state;
      return { ...state, phase: 'revealed', reveal: action.reveal, ticked: [] };
    case 'toggle': {
      const card = currentCard(state);
      if (state.phase !== 'revealed' || !card || !Number.isInteger(action.point) || action.point < 0 || action.point >= card.points) return state;
      const ticked = state.ticked.includes(action.point) ? state.ticked.filter((p) => p !== action.point) : [...state.ticked, action.point].sort((a, b) => a - b);
      return { ...state, ticked };
    }
    case 'tick-all': {
      const card = currentCard(state);
      if (state.phase !== 'revealed' || !card) return state;
      return { ...state, ticked: Array.from({ length: card.points }, (_, i) => i) };
    }
    case 'notes':
      if (state.phase !== 'answering' && state.phase !== 'revealed') return state;
      return { ...state, notes: action.text };
    case 'record-requested':
      if (state.phase !== 'revealed') return state;
      return { ...state, phase: 'recording', error: null };
    case 'recorded':
      if (state.phase !== 'recording') return state;
      return { ...state, phase: 'recorded', recorded: action.result, results: [...state.results, action.result] };
    case 'next':
      if (state.phase !== 'recorded' || isLastCard(state)) return state;
      return { ...state, phase: 'answering', index: state.index + 1, ...fresh(action.nowMs) };
    case 'finish-requested':
      if (state.drill === null || state.phase === 'report' || state.phase === 'finishing') return state;
      return { ...state, phase: 'finishing', error: null };
    case 'finished':
      return { ...state, phase: 'report', report: action.report };
    case 'failed': {
      // A failed request returns to the phase it started from, so the learner can retry.
      const back: Partial<Record<DrillPhase, DrillPhase>> = { revealing: 'answering', recording: 'revealed', finishing: state.recorded ? 'recorded' : 'answering' };
      const phase = back[state.phase] ?? state.phase;
      return { ...state, phase, error: action.error, ...(state.phase === 'revealing' ? { shownAtMs: state.shownAtMs } : {}) };
    }
    case 'restart':
      return initialDrillState;
  }
}
