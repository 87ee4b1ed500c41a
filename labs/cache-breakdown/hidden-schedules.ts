/**
 * Generated schedules for the singleflight rules: calls on several keys and on two Singleflight
 * instances at once, loads that succeed or fail in any order, and what every caller got back.
 * The same schedule is run on the learner's class and on the reference (engine/cache Singleflight:
 * a Map of promises, each removed when its load settles); the transcripts must agree. fast-check shrinks a disagreement to the
 * shortest schedule that shows it.
 *
 * The schedule only looks at settled states: after every event the microtask queue is drained, so a
 * correct solution that takes a few more promise hops than the reference is not penalised.
 */
import { fc } from '../../grader/harness/property';
import { fail } from '../../grader/harness/api';
import { describeThrown } from '../../grader/harness/describe-value';
import { Singleflight as ReferenceSingleflight, type Coalescer } from '../../engine/cache/strategies/singleflight';

export interface SingleflightLike extends Coalescer {
  readonly inFlightCount: number;
}

/**
 * Keys a learner might trip over: ordinary ones, and names an object used as a map already has
 * ('constructor', 'toString', '__proto__'), and the empty string.
 */
export const KEYS = ['k', 'user:1', 'constructor', '__proto__', 'toString', ''] as const;

export type Event =
  /** run(key, load) on instance `on`; the load settles only when a later 'settle' event says so, or at once if `immediate`. */
  | { kind: 'call'; on: 0 | 1; key: number; immediate: 'no' | 'value' | 'error' }
  /** Settle the oldest still-pending load for KEYS[key] (or, if there is none, the oldest pending load), with a value or an error. */
  | { kind: 'settle'; key: number; ok: boolean };

export interface Schedule {
  events: Event[];
}

/** Mostly the first two keys, so that calls meet loads in flight. */
const keyArb = fc.oneof({ arbitrary: fc.nat({ max: 1 }), weight: 4 }, { arbitrary: fc.nat({ max: KEYS.length - 1 }), weight: 1 });

const eventArb: fc.Arbitrary<Event> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('call' as const),
      on: fc.constantFrom(0 as const, 1 as const),
      key: keyArb,
      immediate: fc.constantFrom('no' as const, 'no' as const, 'no' as const, 'value' as const, 'error' as const),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('settle' as const), key: keyArb, ok: fc.boolean() }), weight: 2 },
);

export const scheduleArb: fc.Arbitrary<Schedule> = fc.record({ events: fc.array(eventArb, { minLength: 1, maxLength: 24 }) });

export function describeEvent(e: Event): string {
  if (e.kind === 'settle') return `${e.ok ? 'resolve' : 'reject'} a pending load (the oldest of ${JSON.stringify(KEYS[e.key])} if any)`;
  const how = e.immediate === 'no' ? '' : e.immediate === 'value' ? ' (load resolves at once)' : ' (load rejects at once)';
  return `instance ${e.on === 0 ? 'A' : 'B'}.run(${JSON.stringify(KEYS[e.key])})${how}`;
}

export function describeSchedule(s: Schedule): string {
  return s.events.map((e, i) => `${i + 1}. ${describeEvent(e)}`).join('; ');
}

/** Lets every pending promise reaction run (the learner may chain a few more hops than the reference). */
async function drain(): Promise<void> {
  for (let i = 0; i < 40; i++) await Promise.resolve();
}

interface Pending {
  key: string;
  name: string;
  resolve: (v: string) => void;
  reject: (e: unknown) => void;
}

/**
 * Runs a schedule and returns its transcript: after each event, the loads started, the outcome of
 * every call that has settled, and each instance's inFlightCount.
 */
export async function runSchedule(schedule: Schedule, make: () => SingleflightLike): Promise<string[]> {
  const instances = [make(), make()] as const;
  const pending: Pending[] = [];
  const outcomes: string[] = [];
  const transcript: string[] = [];
  let loads = 0;
  let step = 0;
  for (const event of schedule.events) {
    step++;
    if (event.kind === 'call') {
      const key = KEYS[event.key]!;
      const callNo = outcomes.length;
      outcomes.push('pending');
      const load = (): Promise<string> => {
        loads++;
        const name = `load ${loads} (${key || 'empty key'})`;
        if (event.immediate === 'value') return Promise.resolve(`value of ${name}`);
        if (event.immediate === 'error') return Promise.reject(new Error(`error of ${name}`));
        return new Promise<string>((resolve, reject) => pending.push({ key, name, resolve, reject }));
      };
      let promise: Promise<string>;
      try {
        promise = instances[event.on].run(key, load);
      } catch (error) {
        outcomes[callNo] = `threw synchronously: ${describeThrown(error, 120)}`;
        promise = Promise.resolve('');
      }
      if (promise === null || typeof promise !== 'object' || typeof (promise as Promise<string>).then !== 'function') {
        outcomes[callNo] = `run() returned ${typeof promise}, not a promise`;
      } else {
        promise.then(
          (value) => {
            if (outcomes[callNo] === 'pending') outcomes[callNo] = `got ${String(value)}`;
          },
          (error: unknown) => {
            if (outcomes[callNo] === 'pending') outcomes[callNo] = `rejected with ${error instanceof Error ? error.message : String(error)}`;
          },
        );
      }
    } else if (pending.length > 0) {
      const forKey = pending.findIndex((p) => p.key === KEYS[event.key]);
      const [target] = pending.splice(forKey >= 0 ? forKey : 0, 1);
      if (event.ok) target!.resolve(`value of ${target!.name}`);
      else target!.reject(new Error(`error of ${target!.name}`));
    }
    await drain();
    transcript.push(
      `after step ${step} (${describeEvent(event)}): loads started ${loads}; calls ${outcomes.map((o, i) => `#${i + 1} ${o}`).join(', ')}; inFlightCount A ${String(instances[0].inFlightCount)}, B ${String(instances[1].inFlightCount)}`,
    );
  }
  // Settle whatever is left, so nothing dangles past the test.
  for (const p of pending.splice(0)) p.resolve(`value of ${p.name}`);
  await drain();
  return transcript;
}

/**
 * Differential property on generated schedules: the learner's Singleflight and the reference must
 * give the same transcript. The failure names the seed, the minimal schedule and the first step
 * where the transcripts part.
 */
export async function checkSchedules(seed: number, make: () => SingleflightLike, numRuns: number): Promise<void> {
  let firstDifference = '';
  const details = await fc.check(
    fc.asyncProperty(scheduleArb, async (schedule) => {
      const want = await runSchedule(schedule, () => new ReferenceSingleflight());
      let got: string[];
      try {
        got = await runSchedule(schedule, make);
      } catch (error) {
        firstDifference = `your code threw ${describeThrown(error, 200)}`;
        return false;
      }
      const i = want.findIndex((line, j) => got[j] !== line);
      if (i < 0) return true;
      firstDifference = `expected ${want[i]}\n     got ${got[i] ?? 'nothing'}`;
      return false;
    }),
    { seed, numRuns },
  );
  if (!details.failed || details.counterexample === null) return;
  // Replay the minimal schedule once more so the message quotes exactly what it did.
  const minimal = details.counterexample[0];
  const want = await runSchedule(minimal, () => new ReferenceSingleflight());
  let why = firstDifference;
  try {
    const got = await runSchedule(minimal, make);
    const i = want.findIndex((line, j) => got[j] !== line);
    if (i >= 0) why = `expected ${want[i]}\n     got ${got[i] ?? 'nothing'}`;
  } catch (error) {
    why = `your code threw ${describeThrown(error, 200)}`;
  }
  fail(
    `generated schedules (seed ${seed}): minimal counter-example after ${details.numRuns} cases and ${details.numShrinks} shrinks, two Singleflight instances A and B: ${describeSchedule(minimal)} —\n  ${why}`,
  );
}
