import type { CardReveal } from '@/lib/data/interview';
import type { MockItem, MockReport, StartedMock } from '@/lib/data/mock-interview';
import { remainingSeconds } from '@/lib/interview/mock';

/**
 * The state machine of a timed mock interview, free of React and the DOM so it is unit-tested:
 * intro → starting → running (one countdown for the whole mock; per item: answering → revealing →
 * revealed → recording) → finishing (all answered, time up, or ended early) → report.
 * Time enters only as `nowMs` arguments: the page feeds one interval's ticks, tests feed what they like.
 */
export type MockPhase = 'intro' | 'starting' | 'running' | 'finishing' | 'report';
export type ItemStep = 'answering' | 'revealing' | 'revealed' | 'recording';
export type EndedBy = 'answered' | 'time' | 'early';
export type ScenarioReveal = { modelAnswer: string; rubric: string[]; explanation: string };

export type MockState = {
  phase: MockPhase;
  mock: StartedMock | null;
  /** The browser's clock when the mock started, and its latest tick. */
  startedAtMs: number;
  nowMs: number;
  index: number;
  step: ItemStep;
  /** When the current item was shown (for a card's seconds). */
  shownAtMs: number;
  /** Seconds spent on the current card, frozen when its outline is asked for. */
  seconds: number;
  done: Record<string, 'answered'>;
  reveal: ScenarioReveal | CardReveal | null;
  ticked: number[];
  /** Time ran out while an answer was being recorded: finish once it is. */
  timeUp: boolean;
  endedBy: EndedBy | null;
  report: MockReport | null;
  error: string | null;
};

export type MockAction =
  | { type: 'start-requested' }
  | { type: 'started'; mock: StartedMock; nowMs: number }
  | { type: 'tick'; nowMs: number }
  | { type: 'go'; index: number; nowMs: number }
  | { type: 'reveal-requested'; nowMs: number }
  | { type: 'revealed'; reveal: ScenarioReveal | CardReveal }
  | { type: 'toggle'; point: number }
  | { type: 'record-requested' }
  | { type: 'recorded'; nowMs: number }
  | { type: 'finish-requested'; endedBy: EndedBy }
  | { type: 'finished'; report: MockReport }
  | { type: 'failed'; error: string }
  /** Clears the error (retrying a failed finish). */
  | { type: 'retry' }
  | { type: 'restart' };

export const initialMockState: MockState = {
  phase: 'intro',
  mock: null,
  startedAtMs: 0,
  nowMs: 0,
  index: 0,
  step: 'answering',
  shownAtMs: 0,
  seconds: 0,
  done: {},
  reveal: null,
  ticked: [],
  timeUp: false,
  endedBy: null,
  report: null,
  error: null,
};

export const itemId = (item: MockItem): string => (item.kind === 'card' ? item.card.id : item.question.id);

export function currentItem(state: MockState): MockItem | null {
  return state.mock?.items[state.index] ?? null;
}

export function secondsLeft(state: MockState): number {
  if (!state.mock) return 0;
  return remainingSeconds(state.startedAtMs, state.mock.durationSeconds, state.nowMs);
}

/** Whole seconds spent since the mock started, capped at the countdown. */
export function secondsUsed(state: MockState): number {
  if (!state.mock) return 0;
  return Math.min(state.mock.durationSeconds, Math.max(0, Math.round((state.nowMs - state.startedAtMs) / 1000)));
}

export function answeredCount(state: MockState): number {
  return Object.keys(state.done).length;
}

/** Seconds on the current card (frozen once its outline is revealed). */
export function itemSeconds(state: MockState): number {
  if (state.step !== 'answering') return state.seconds;
  return Math.max(0, Math.floor((state.nowMs - state.shownAtMs) / 1000));
}

/** The next unanswered item after `from` (wrapping), or -1 when every item is answered. */
export function nextOpen(state: MockState, from: number): number {
  const items = state.mock?.items ?? [];
  for (let k = 1; k <= items.length; k++) {
    const i = (from + k) % items.length;
    if (!state.done[itemId(items[i]!)]) return i;
  }
  return -1;
}

const freshItem = (nowMs: number) => ({ step: 'answering' as const, shownAtMs: nowMs, seconds: 0, reveal: null, ticked: [], error: null });

export function mockReducer(state: MockState, action: MockAction): MockState {
  switch (action.type) {
    case 'start-requested':
      if (state.phase !== 'intro') return state;
      return { ...state, phase: 'starting', error: null };
    case 'started':
      if (action.mock.items.length === 0) return { ...state, phase: 'intro', error: 'empty' };
      return { ...initialMockState, phase: 'running', mock: action.mock, startedAtMs: action.nowMs, nowMs: action.nowMs, ...freshItem(action.nowMs) };
    case 'tick': {
      if (state.phase !== 'running') return state.phase === 'finishing' ? { ...state, nowMs: Math.max(state.nowMs, action.nowMs) } : state;
      const next = { ...state, nowMs: Math.max(state.nowMs, action.nowMs) };
      if (secondsLeft(next) > 0) return next;
      // Out of time: finish now, or once the answer being recorded is in.
      if (state.step === 'recording' || state.step === 'revealing') return { ...next, timeUp: true };
      return { ...next, phase: 'finishing', endedBy: 'time', timeUp: true };
    }
    case 'go': {
      const item = state.mock?.items[action.index];
      if (state.phase !== 'running' || !item || state.step === 'recording' || state.step === 'revealing' || action.index === state.index) return state;
      if (state.done[itemId(item)]) return state;
      return { ...state, index: action.index, ...freshItem(action.nowMs) };
    }
    case 'reveal-requested': {
      const item = currentItem(state);
      if (state.phase !== 'running' || state.step !== 'answering' || !item || item.kind === 'quiz') return state;
      return { ...state, step: 'revealing', seconds: itemSeconds({ ...state, nowMs: Math.max(state.nowMs, action.nowMs) }), error: null };
    }
    case 'revealed':
      if (state.step !== 'revealing') return state;
      if (state.timeUp) return { ...state, phase: 'finishing', endedBy: 'time' };
      return { ...state, step: 'revealed', reveal: action.reveal, ticked: [] };
    case 'toggle': {
      const points = state.reveal ? ('rubric' in state.reveal ? state.reveal.rubric.length : state.reveal.outline.length) : 0;
      if (state.step !== 'revealed' || !Number.isInteger(action.point) || action.point < 0 || action.point >= points) return state;
      const ticked = state.ticked.includes(action.point) ? state.ticked.filter((p) => p !== action.point) : [...state.ticked, action.point].sort((a, b) => a - b);
      return { ...state, ticked };
    }
    case 'record-requested': {
      const item = currentItem(state);
      if (state.phase !== 'running' || !item) return state;
      const ready = item.kind === 'quiz' ? state.step === 'answering' : state.step === 'revealed';
      if (!ready) return state;
      return { ...state, step: 'recording', error: null };
    }
    case 'recorded': {
      const item = currentItem(state);
      if (state.step !== 'recording' || !item) return state;
      const done = { ...state.done, [itemId(item)]: 'answered' as const };
      const after = { ...state, done, nowMs: Math.max(state.nowMs, action.nowMs) };
      if (state.timeUp || secondsLeft(after) === 0) return { ...after, phase: 'finishing', endedBy: 'time', step: 'answering' };
      const next = nextOpen(after, state.index);
      if (next < 0) return { ...after, phase: 'finishing', endedBy: 'answered', step: 'answering' };
      return { ...after, index: next, ...freshItem(action.nowMs) };
    }
    case 'finish-requested':
      if (state.phase !== 'running') return state;
      return { ...state, phase: 'finishing', endedBy: action.endedBy, error: null };
    case 'finished':
      if (state.phase !== 'finishing') return state;
      return { ...state, phase: 'report', report: action.report, error: null };
    case 'failed': {
      if (state.phase === 'starting') return { ...state, phase: 'intro', error: action.error };
      if (state.phase === 'finishing') return { ...state, error: action.error }; // the page offers to retry finishing
      const back: Partial<Record<ItemStep, ItemStep>> = { revealing: 'answering', recording: state.reveal ? 'revealed' : 'answering' };
      if (state.timeUp) return { ...state, phase: 'finishing', endedBy: 'time', error: action.error };
      return { ...state, step: back[state.step] ?? state.step, error: action.error };
    }
    case 'retry':
      return { ...state, error: null };
    case 'restart':
      return initialMockState;
  }
}
